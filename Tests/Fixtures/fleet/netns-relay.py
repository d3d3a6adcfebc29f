"""Relays TCP connections into another network namespace.

    netns-relay.py ADDRESS PORT NETNS_PATH COUNT_FILE

Listens on ADDRESS:PORT in the namespace it starts in, then joins the network namespace at
NETNS_PATH (/proc/PID/ns/net) and relays each accepted connection to ADDRESS:PORT there. The
fleet's bastion is reached this way: its sshd runs inside the namespace of the hosts behind it,
so it can reach them and the test process cannot. Each accepted connection appends a line to
COUNT_FILE.
"""
import ctypes
import os
import socket
import sys
import threading

CLONE_NEWNET = 0x40000000

address, port, netns, count_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((address, port))
listener.listen(128)

# Sockets belong to the namespace of the thread that creates them: the listener stays outside,
# every connection made from here on is inside. Threads started later inherit the namespace.
libc = ctypes.CDLL(None, use_errno=True)
descriptor = os.open(netns, os.O_RDONLY)
if libc.setns(descriptor, CLONE_NEWNET) != 0:
    raise OSError(ctypes.get_errno(), "setns " + netns)
os.close(descriptor)


def pipe(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def serve(outside):
    try:
        inside = socket.create_connection((address, port))
    except OSError:
        outside.close()
        return
    for side in (outside, inside):
        side.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    forward = threading.Thread(target=pipe, args=(outside, inside), daemon=True)
    forward.start()
    pipe(inside, outside)
    forward.join()
    outside.close()
    inside.close()


while True:
    connection, _ = listener.accept()
    with open(count_file, "a") as count:
        count.write("connection\n")
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
