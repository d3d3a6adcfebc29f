"""The route for clients hard-wired to https://api.cloudns.net: TLS listener, CONNECT proxy and
the DNS shim that answers SOA (what lego's native cloudns provider needs)."""

import http.client
import json
import os
import random
import shutil
import socket
import ssl
import struct
import subprocess
import unittest
import urllib.parse

import dns_wire
from emulator_harness import CloudnsTestCase, free_port

PASSWORD = "route-test-password"
SEED = {"identities": [{"auth_id": 1000, "password": PASSWORD}],
        "zones": [{"name": "example.test"}, {"name": "sub.example.test"}]}
TYPE_SOA = 6


def make_certificates(directory):
    """A throw-away CA and an api.cloudns.net certificate it signed; returns (ca, cert, key)."""
    ca_key, ca = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    key, csr = os.path.join(directory, "api.key"), os.path.join(directory, "api.csr")
    cert, ext = os.path.join(directory, "api.pem"), os.path.join(directory, "api.ext")
    with open(ext, "w") as handle:
        handle.write("subjectAltName=DNS:api.cloudns.net\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    for command in (
            ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=route CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign"],
            ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=api.cloudns.net"],
            ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
             "-out", cert, "-days", "2", "-extfile", ext]):
        subprocess.run(["openssl", *command], check=True, capture_output=True)
    return ca, cert, key


def dns_query(port, name, query_type):
    """(rcode, [answer types], [authority types]) for one UDP query."""
    query_id = random.randrange(0x10000)
    packet = (struct.pack("!HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + dns_wire.encode_name(name)
              + struct.pack("!HH", query_type, 1))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(2)
        udp.sendto(packet, ("127.0.0.1", port))
        message = udp.recv(4096)
    _, flags, questions, answers, authorities, _ = struct.unpack("!HHHHHH", message[:12])
    offset = dns_wire.skip_name(message, 12) + 4
    types = []
    for _ in range(answers + authorities):
        offset = dns_wire.skip_name(message, offset)
        record_type, _, _, length = struct.unpack("!HHIH", message[offset:offset + 10])
        types.append(record_type)
        offset += 10 + length
    return flags & 0x000F, types[:answers], types[answers:]


@unittest.skipUnless(shutil.which("pebble-challtestsrv") and shutil.which("openssl"),
                     "needs the pebble and openssl packages")
class ApiCloudnsRoute(CloudnsTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tls_port, cls.proxy_port, cls.shim_port = free_port(), free_port(), free_port()

        def arguments(rig):
            cls.ca, cert, key = make_certificates(rig.directory)
            seed = os.path.join(rig.directory, "seed.json")
            with open(seed, "w") as handle:
                json.dump(SEED, handle)
            return ["--seed", seed, "--tls-port", str(cls.tls_port), "--tls-cert", cert,
                    "--tls-key", key, "--proxy-port", str(cls.proxy_port),
                    "--dns-shim-port", str(cls.shim_port),
                    "--dns-upstream", f"127.0.0.1:{rig.dns_port}"]

        cls.rig_options = {"with_challtestsrv": True, "emulator_args": arguments}
        super().setUpClass()

    def tunnelled_call(self, method, params):
        context = ssl.create_default_context(cafile=self.ca)
        connection = http.client.HTTPSConnection("127.0.0.1", self.proxy_port, context=context,
                                                 timeout=10)
        connection.set_tunnel("api.cloudns.net", 443)
        try:
            connection.request("GET", f"/dns/{method}.json?{urllib.parse.urlencode(params)}")
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    def connect_status(self, request_line):
        with socket.create_connection(("127.0.0.1", self.proxy_port), timeout=5) as proxy:
            proxy.sendall(request_line.encode() + b"\r\nHost: x\r\n\r\n")
            return proxy.recv(1024).split(b"\r\n", 1)[0].decode()

    def test_the_api_answers_over_tls_through_the_proxy_for_api_cloudns_net(self):
        answer = self.tunnelled_call("login", {"auth-id": "1000", "auth-password": PASSWORD})
        self.assertEqual(answer["status"], "Success")
        calls = self.rig.control("GET", "calls?method=login")["calls"]
        self.assertTrue(calls and calls[-1]["result"] == "Success")

    def test_the_proxy_tunnels_nothing_but_api_cloudns_net_443(self):
        for line in ("CONNECT example.com:443 HTTP/1.1", "CONNECT api.cloudns.net:80 HTTP/1.1",
                     "GET http://api.cloudns.net/ HTTP/1.1"):
            with self.subTest(line):
                self.assertEqual(self.connect_status(line), "HTTP/1.1 403 Forbidden")
        self.assertEqual(self.connect_status("CONNECT api.cloudns.net:443 HTTP/1.1"),
                         "HTTP/1.1 200 Connection established")
        health = self.rig.control("GET", "health")
        self.assertGreaterEqual(health["route"]["proxy"]["refused"], 3)

    def test_the_tls_certificate_is_checked_against_the_name(self):
        context = ssl.create_default_context(cafile=self.ca)
        with socket.create_connection(("127.0.0.1", self.tls_port), timeout=5) as plain:
            with self.assertRaises(ssl.SSLCertVerificationError):
                context.wrap_socket(plain, server_hostname="api.example.net")

    def test_the_shim_answers_soa_like_the_zones_authority(self):
        self.assertEqual(dns_query(self.shim_port, "example.test.", TYPE_SOA), (0, [TYPE_SOA], []))
        self.assertEqual(dns_query(self.shim_port, "_acme-challenge.example.test.", TYPE_SOA),
                         (0, [], [TYPE_SOA]))
        self.assertEqual(dns_query(self.shim_port, "sub.example.test.", TYPE_SOA),
                         (0, [TYPE_SOA], []), "the deeper zone is its own apex")
        self.assertEqual(dns_query(self.shim_port, "other.test.", TYPE_SOA), (3, [], []))

    def test_the_shim_relays_txt_queries_to_challtestsrv(self):
        answer = self.rig.call("add-record", {
            "auth-id": "1000", "auth-password": PASSWORD, "domain-name": "example.test",
            "record-type": "TXT", "host": "_acme-challenge.relay", "record": "relayed", "ttl": "60"})
        self.assertEqual(answer.json()["status"], "Success")
        self.assertEqual(dns_wire.query_txt(self.shim_port, "_acme-challenge.relay.example.test."),
                         (0, ["relayed"]))


if __name__ == "__main__":
    unittest.main()
