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
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from emulator_kit.harness import (LOOPBACK, EmulatorProcessTestCase, EmulatorRig,
                                  EmulatorTestCase,  # noqa: E402
                                  start_process, stop_process)

EMULATOR = os.path.join(HERE, "emulator.py")


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


class Rig(EmulatorRig):
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
        self.emulator, self.port = start_process(command, port_file, self.emulator_log)
        self.processes.append(self.emulator)

    def stop(self):
        for process in reversed(self.processes):
            stop_process(process)
        self.processes = []
        shutil.rmtree(self.directory, ignore_errors=True)

    # --- talking to the emulator ---------------------------------------------------------

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


class CloudnsTestCase(EmulatorTestCase):
    rig_class = Rig


class CloudnsProcessTestCase(EmulatorProcessTestCase):
    rig_class = Rig
