#!/usr/bin/env python3
"""Loopback HTTP/1.1 keep-alive server for bench/http-throughput.sh.

Answers every request with the same small JSON body, as fast as Python allows: it reads raw bytes and
counts header terminators instead of parsing (the benchmark sends GETs without bodies). Writes its
port to the file named by argv[1]. One thread per connection.
"""
import os
import socket
import sys
import threading

BODY = b'{"ok":true}'
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
    + str(len(BODY)).encode()
    + b"\r\n\r\n"
    + BODY
)


def serve(connection):
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pending = b""
    with connection:
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                return
            pending += chunk
            requests = pending.count(b"\r\n\r\n")
            if requests:
                pending = pending[pending.rfind(b"\r\n\r\n") + 4:]
                connection.sendall(RESPONSE * requests)


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    with open(sys.argv[1] + ".tmp", "w") as port_file:
        port_file.write(str(listener.getsockname()[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()


if __name__ == "__main__":
    main()
