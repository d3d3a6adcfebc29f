"""Starts the emulator (and optionally pebble-challtestsrv) on free loopback ports for tests,
and talks to both. Every process started here is stopped by `Rig.stop`."""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import dns_wire

HERE = os.path.dirname(os.path.abspath(__file__))
EMULATOR = os.path.join(HERE, "emulator.py")
LOOPBACK = "127.0.0.1"


def free_port():
    """A port free for both TCP and UDP on 127.0.0.1 (challtestsrv's DNS needs both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind((LOOPBACK, 0))
            port = tcp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.bind((LOOPBACK, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port found")


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"timed out waiting for {what}")


class Response:
    def __init__(self, status, content_type, body):
        self.status = status
        self.content_type = content_type
        self.body = body

    def json(self):
        return json.loads(self.body)


class Rig:
    def __init__(self, with_challtestsrv=False, emulator_args=()):
        self.directory = tempfile.mkdtemp(prefix="cloudns-emulator-test-")
        self.processes = []
        self.challtestsrv_url = None
        self.dns_port = None
        try:
            if with_challtestsrv:
                self.start_challtestsrv()
            # A callable gets the rig, for arguments that need its directory or DNS port.
            arguments = emulator_args(self) if callable(emulator_args) else emulator_args
            self.start_emulator(list(arguments))
        except BaseException:
            self.stop()
            raise

    # --- processes ------------------------------------------------------------------------

    def start_challtestsrv(self):
        binary = shutil.which("pebble-challtestsrv")
        if binary is None:
            raise RuntimeError("pebble-challtestsrv not found: apt-get install pebble")
        self.dns_port, management = free_port(), free_port()
        log = open(os.path.join(self.directory, "challtestsrv.log"), "wb")
        self.processes.append(subprocess.Popen(
            [binary, "-dns01", f"{LOOPBACK}:{self.dns_port}",
             "-management", f"{LOOPBACK}:{management}", "-http01", "", "-https01", "",
             "-tlsalpn01", "", "-defaultIPv4", LOOPBACK, "-defaultIPv6", ""],
            stdout=log, stderr=subprocess.STDOUT))
        log.close()
        self.challtestsrv_url = f"http://{LOOPBACK}:{management}"
        # challtestsrv keeps running when a bind fails, so probe both listeners.
        wait_until(lambda: self.post_challtestsrv("/clear-txt", {"host": "probe.test."}) == 200,
                   10, "challtestsrv management API")
        wait_until(lambda: self.dns("probe.test.") == [], 10, "challtestsrv DNS")

    def start_emulator(self, arguments):
        port_file = os.path.join(self.directory, "emulator.port")
        command = [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file] + arguments
        if self.challtestsrv_url:
            command += ["--challtestsrv", self.challtestsrv_url]
        self.emulator_log = os.path.join(self.directory, "emulator.log")
        with open(self.emulator_log, "wb") as log:
            self.emulator = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(self.emulator)
        wait_until(lambda: os.path.exists(port_file) or self.emulator.poll() is not None, 10,
                   "the emulator's port file")
        if self.emulator.poll() is not None:
            with open(self.emulator_log) as log:
                raise RuntimeError(f"emulator exited: {log.read()}")
        with open(port_file) as handle:
            self.port = int(handle.read())

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes = []
        shutil.rmtree(self.directory, ignore_errors=True)

    # --- talking to the emulator ---------------------------------------------------------

    def request(self, http_method, path, body=None, headers=None, source=None, timeout=10):
        connection = http.client.HTTPConnection(
            LOOPBACK, self.port, timeout=timeout,
            source_address=(source, 0) if source else None)
        try:
            connection.request(http_method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.getheader("Content-Type"), response.read())
        finally:
            connection.close()

    def call(self, method, params, style="GET", source=None, path=None):
        """One CloudNS call in a request style: GET, POST-query, POST-form or POST-JSON."""
        path = path or f"/dns/{method}.json"
        if style == "GET":
            return self.request("GET", f"{path}?{urllib.parse.urlencode(params)}", source=source)
        if style == "POST-query":
            return self.request("POST", f"{path}?{urllib.parse.urlencode(params)}", body=b"",
                                source=source)
        if style == "POST-form":
            return self.request("POST", path, body=urllib.parse.urlencode(params).encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded"},
                                source=source)
        if style == "POST-JSON":
            return self.request("POST", path, body=json.dumps(params).encode(),
                                headers={"Content-Type": "application/json"}, source=source)
        raise ValueError(style)

    def control(self, http_method, endpoint, body=None, expect=200):
        response = self.request(http_method, f"/_emulator/{endpoint}",
                                body=None if body is None else json.dumps(body).encode(),
                                headers={"Content-Type": "application/json"})
        if response.status != expect:
            raise AssertionError(f"{endpoint}: HTTP {response.status} {response.body!r}")
        return response.json()

    # --- talking to challtestsrv ----------------------------------------------------------

    def post_challtestsrv(self, path, body):
        url = urllib.parse.urlsplit(self.challtestsrv_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
        try:
            connection.request("POST", path, body=json.dumps(body).encode())
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def dns(self, name):
        """TXT values challtestsrv answers for `name`, sorted."""
        return dns_wire.query_txt(self.dns_port, name)[1]
