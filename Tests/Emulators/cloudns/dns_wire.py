"""A minimal stdlib DNS client: one TXT question over UDP, answers decoded (test use only)."""

import random
import socket
import struct

TYPE_TXT = 16
CLASS_IN = 1


def encode_name(name):
    labels = [label for label in name.rstrip(".").split(".") if label]
    return b"".join(bytes([len(label)]) + label.encode("ascii") for label in labels) + b"\0"


def skip_name(message, offset):
    while True:
        length = message[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:  # compression pointer: two bytes, end of name
            return offset + 2
        offset += 1 + length


def query_txt(server_port, name, server_host="127.0.0.1", timeout=2.0):
    """Returns (rcode, sorted TXT values at `name`); each value joins its character-strings."""
    query_id = random.randrange(0x10000)
    question = encode_name(name) + struct.pack("!HH", TYPE_TXT, CLASS_IN)
    packet = struct.pack("!HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + question
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(timeout)
        udp.sendto(packet, (server_host, server_port))
        while True:
            message, _ = udp.recvfrom(65535)
            if struct.unpack("!H", message[:2])[0] == query_id:
                break
    _, flags, questions, answers, _, _ = struct.unpack("!HHHHHH", message[:12])
    offset = 12
    for _ in range(questions):
        offset = skip_name(message, offset) + 4
    values = []
    for _ in range(answers):
        offset = skip_name(message, offset)
        record_type, _, _, length = struct.unpack("!HHIH", message[offset:offset + 10])
        offset += 10
        data = message[offset:offset + length]
        offset += length
        if record_type != TYPE_TXT:
            continue
        strings, position = [], 0
        while position < len(data):
            size = data[position]
            strings.append(data[position + 1:position + 1 + size].decode("utf-8", "replace"))
            position += 1 + size
        values.append("".join(strings))
    return flags & 0x000F, sorted(values)
