"""The route by which a client with a hard-wired `https://api.cloudns.net/` reaches the emulator.

lego's native CloudNS provider has no base-URL setting, but Go's HTTP client honours
`HTTPS_PROXY` and sends `CONNECT api.cloudns.net:443` to it without resolving the name itself.
`ConnectProxy` tunnels that one target, and nothing else, to the TLS listener: the emulator's own
API served over TLS with a certificate for api.cloudns.net that the sandbox CA signed. Everything
stays on loopback, and any other CONNECT target is refused with 403, so a misrouted client fails
instead of reaching the real service.
"""

import select
import socket
import socketserver
import sys
import threading

ALLOWED_TARGET = "api.cloudns.net:443"
HEADER_LIMIT = 8192


class ConnectProxy(socketserver.ThreadingTCPServer):
    """An HTTP CONNECT proxy that tunnels only api.cloudns.net:443 to 127.0.0.1:`tls_port`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, tls_port, verbose=False):
        super().__init__(address, ConnectHandler)
        self.tls_port = tls_port
        self.verbose = verbose
        self.counts_lock = threading.Lock()
        self.counts = {"tunnelled": 0, "refused": 0}

    def count(self, outcome, client, target):
        with self.counts_lock:
            self.counts[outcome] += 1
        if self.verbose or outcome == "refused":
            print(f"cloudns-emulator: proxy {client} CONNECT {target!r} -> {outcome}",
                  file=sys.stderr, flush=True)

    def to_json(self):
        with self.counts_lock:
            return {"port": self.server_address[1], "tls_port": self.tls_port, **self.counts}


class ConnectHandler(socketserver.BaseRequestHandler):
    def handle(self):
        head = self.read_head()
        if head is None:
            return
        parts = head.split(b"\r\n", 1)[0].decode("latin-1").split()
        target = parts[1].lower() if len(parts) == 3 and parts[0] == "CONNECT" else " ".join(parts)
        if target != ALLOWED_TARGET:
            self.server.count("refused", self.client_address[0], target)
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.server.tls_port), timeout=5)
        except OSError:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        self.server.count("tunnelled", self.client_address[0], target)
        with upstream:
            upstream.settimeout(None)
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            relay(self.request, upstream)

    def read_head(self):
        data = b""
        while b"\r\n\r\n" not in data:
            if len(data) > HEADER_LIMIT:
                return None
            chunk = self.request.recv(1024)
            if not chunk:
                return None
            data += chunk
        return data


def relay(one, other):
    """Copies bytes both ways until either side closes."""
    peers = {one: other, other: one}
    while True:
        readable, _, _ = select.select(list(peers), [], [], 60)
        if not readable:
            return  # idle for a minute: the client has gone
        for source in readable:
            try:
                chunk = source.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            peers[source].sendall(chunk)
