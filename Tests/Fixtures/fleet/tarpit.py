"""Accepts TCP connections on ADDRESS PORT and never sends a byte: an SSH server stuck before its banner."""
import socket
import sys

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((sys.argv[1], int(sys.argv[2])))
listener.listen(64)
held = []
while True:
    connection, _ = listener.accept()
    held.append(connection)
