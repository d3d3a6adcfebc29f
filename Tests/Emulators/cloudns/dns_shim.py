"""A UDP DNS front for pebble-challtestsrv that also answers SOA for the emulator's zones.

challtestsrv answers SOA and NS with NOTIMP, and lego's native CloudNS provider finds the zone
of `_acme-challenge.NAME` by SOA queries before it makes any API call. The shim answers SOA
itself, like an authoritative server would: at a zone apex with the SOA record, below an apex
with an empty NOERROR answer and the SOA in the authority section, and outside every zone with
NXDOMAIN. Every other query is relayed unchanged to challtestsrv, so TXT answers stay exactly
what the DNS mirror pushed there.
"""

import socket
import socketserver
import struct
import sys

TYPE_SOA = 6
CLASS_IN = 1
RCODE_NXDOMAIN = 3
SOA_TTL = 3600
# CloudNS-like SOA fields; only the owner name matters to clients.
SOA_PRIMARY = "pns41.cloudns.net"
SOA_MAILBOX = "support.cloudns.net"
SOA_TIMERS = (7200, 1800, 1209600, 3600)  # refresh, retry, expire, minimum


def encode_name(name):
    labels = [label for label in name.rstrip(".").split(".") if label]
    return b"".join(bytes([len(label)]) + label.encode("ascii") for label in labels) + b"\0"


def parse_question(message):
    """(name, type, end offset of the question) of the first question, or None."""
    if len(message) < 12 or struct.unpack("!H", message[4:6])[0] < 1:
        return None
    labels, offset = [], 12
    while True:
        if offset >= len(message):
            return None
        length = message[offset]
        if length == 0:
            offset += 1
            break
        if length & 0xC0:
            return None  # a question name is never compressed
        labels.append(message[offset + 1:offset + 1 + length].decode("ascii", "replace"))
        offset += 1 + length
    if offset + 4 > len(message):
        return None
    query_type = struct.unpack("!H", message[offset:offset + 2])[0]
    return ".".join(labels).lower(), query_type, offset + 4


def soa_record(zone, serial):
    rdata = (encode_name(SOA_PRIMARY) + encode_name(SOA_MAILBOX)
             + struct.pack("!IIIII", serial, *SOA_TIMERS))
    return encode_name(zone) + struct.pack("!HHIH", TYPE_SOA, CLASS_IN, SOA_TTL, len(rdata)) + rdata


def soa_answer(query, question_end, name, zones):
    """The authoritative answer to a SOA query; `zones` maps zone name to serial."""
    query_id, flags = struct.unpack("!HH", query[:4])
    matching = [z for z in zones if name == z or name.endswith("." + z)]
    zone = max(matching, key=len) if matching else None
    answers, authority, rcode = [], [], 0
    if zone is None:
        rcode = RCODE_NXDOMAIN
    elif name == zone:
        answers.append(soa_record(zone, zones[zone]))
    else:
        authority.append(soa_record(zone, zones[zone]))
    # QR, AA and RA set; the opcode and RD bit are echoed.
    reply_flags = 0x8000 | (flags & 0x7900) | 0x0400 | 0x0080 | rcode
    header = struct.pack("!HHHHHH", query_id, reply_flags, 1, len(answers), len(authority), 0)
    return header + query[12:question_end] + b"".join(answers) + b"".join(authority)


class DnsShim(socketserver.ThreadingUDPServer):
    daemon_threads = True

    def __init__(self, address, store, upstream, verbose=False):
        super().__init__(address, ShimHandler)
        self.store = store
        host, _, port = upstream.rpartition(":")
        self.upstream = (host or "127.0.0.1", int(port))
        self.verbose = verbose

    def zones(self):
        with self.store.lock:
            return {zone.name: zone.serial for zone in self.store.zones.values()}

    def relay(self, query):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as upstream:
            upstream.settimeout(2)
            upstream.sendto(query, self.upstream)
            return upstream.recv(65535)


class ShimHandler(socketserver.BaseRequestHandler):
    def handle(self):
        query, reply_socket = self.request
        question = parse_question(query)
        try:
            if question and question[1] == TYPE_SOA:
                name, _, end = question
                reply = soa_answer(query, end, name, self.server.zones())
            else:
                reply = self.server.relay(query)
        except OSError as error:  # upstream silent: no answer, the client retries or times out
            print(f"cloudns-emulator: dns shim: upstream {self.server.upstream}: {error}",
                  file=sys.stderr, flush=True)
            return
        if self.server.verbose and question:
            print(f"cloudns-emulator: dns shim {question[0]} type {question[1]}",
                  file=sys.stderr, flush=True)
        reply_socket.sendto(reply, self.client_address)
