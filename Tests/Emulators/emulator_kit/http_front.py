"""The plumbing every emulator's HTTP front shares: a keep-alive request handler that hands each
method to `route`, reads bodies, writes answers and resets connections; the threading server;
and binding a handler class to one emulator."""

import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from emulator_kit.connections import reset_connection


class EmulatorHandler(BaseHTTPRequestHandler):
    """Subclasses set `http_methods` (each gets a do_METHOD calling `self.route(METHOD)`; others
    keep http.server's 501), `server_header`, `program`, `control_api` (a module with
    handle(emulator, http_method, path, query, body)), and define `serve_api(http_method, url,
    body)` and `verbose_line(entry)`."""

    protocol_version = "HTTP/1.1"  # keep-alive, as clients reuse connections
    # The real APIs' front ends set TCP_NODELAY on keep-alive connections; without it the
    # answer's second segment waits for the client's delayed ACK, 40 ms per reused request.
    disable_nagle_algorithm = True
    http_methods = ()
    server_header = "emulator"
    program = "emulator"
    control_api = None
    status_field = "status"  # the call log's name for the answer's HTTP status
    control_headers = {"Content-Type": "application/json"}
    emulator = None  # set by bind()

    def __init_subclass__(cls, **keywords):
        super().__init_subclass__(**keywords)
        for http_method in cls.__dict__.get("http_methods", ()):
            setattr(cls, f"do_{http_method}",
                    lambda self, http_method=http_method: self.route(http_method))

    def route(self, http_method):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        if url.path.startswith("/_emulator/"):
            self.send_control(*self.control_api.handle(self.emulator, http_method, url.path,
                                                       url.query, body))
            return
        self.serve_api(http_method, url, body)

    def serve_api(self, http_method, url, body):
        raise NotImplementedError

    def verbose_line(self, entry):
        raise NotImplementedError

    def record(self, entry, started, status):
        """Logs the call; before its answer is written, so a client that got an answer finds
        its call in the log."""
        entry[self.status_field] = status
        self.emulator.calls.append(entry, started)
        if self.emulator.verbose:
            print(f"{self.program}: {self.verbose_line(entry)}", file=sys.stderr, flush=True)

    def version_string(self):
        return self.server_header

    def log_message(self, format, *args):
        pass  # the default line goes to stderr for every request, query string (secrets) and all

    def read_body(self):
        """The request body (Content-Length or chunked), read whole so keep-alive stays in sync."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, status, headers, body):
        """Writes one answer; headers go out in their order, Content-Length last unless
        `headers` places it."""
        self.send_response(status)
        if "Content-Length" not in headers:
            headers = {**headers, "Content-Length": str(len(body))}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_control(self, status, payload):
        """A control-API (/_emulator/) answer: JSON with the class's `control_headers`."""
        self.send(status, self.control_headers, json.dumps(payload).encode())

    def reset_connection(self):
        reset_connection(self)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def bind(handler_class, emulator, host, port, **attributes):
    """Binds the listener (port 0 = any free port) for a handler class serving `emulator`, and
    returns the server, not yet serving."""
    handler = type(f"Bound{handler_class.__name__}", (handler_class,),
                   {"emulator": emulator, **attributes})
    return EmulatorServer((host, port), handler)
