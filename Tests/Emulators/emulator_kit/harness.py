"""What the emulators' test harnesses share: starting an emulator process and waiting for its
port file, stopping it, plain HTTP requests to it, its control API, a TestCase base that runs
one emulator for a whole class, and one for tests of the emulator process itself."""

import http.client
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

LOOPBACK = "127.0.0.1"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case names
        self.body = body

    @property
    def content_type(self):
        return self.headers.get("content-type")

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body)


def start_process(command, port_file, log_path, timeout=10):
    """Runs `command` (output to `log_path`) until it writes `port_file`; returns (process,
    port). A process that exits first, or a timeout, is a RuntimeError (the process stopped)."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while not os.path.exists(port_file) and process.poll() is None:
        if time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError("timed out waiting for the emulator's port file")
        time.sleep(0.02)
    if process.poll() is not None:
        with open(log_path, errors="replace") as log:
            raise RuntimeError(f"emulator exited: {log.read()}")
    with open(port_file) as handle:
        return process, int(handle.read())


def stop_process(process):
    """SIGTERM, then SIGKILL after 5 seconds; waits for the exit either way."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class EmulatorRig:
    """Talks to an emulator listening on LOOPBACK at `self.port`."""

    port = None
    response_class = Response

    def request(self, method, path, body=None, headers=None, timeout=10, source=None):
        connection = http.client.HTTPConnection(
            LOOPBACK, self.port, timeout=timeout,
            source_address=(source, 0) if source else None)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return self.response_class(response.status,
                                       {k.lower(): v for k, v in response.getheaders()},
                                       response.read())
        finally:
            connection.close()

    def control(self, method, endpoint, body=None, expect=200):
        """A control-API call; any status but `expect` fails the test."""
        response = self.request(method, f"/_emulator/{endpoint}",
                                body=None if body is None else json.dumps(body).encode(),
                                headers={"Content-Type": "application/json"})
        if response.status != expect:
            raise AssertionError(f"{endpoint}: HTTP {response.status} {response.body!r}")
        return response.json()


class EmulatorTestCase(unittest.TestCase):
    """Starts `rig_class(**rig_options)` once for the class as `self.rig`, stops it after."""

    rig_class = None
    rig_options = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rig = cls.rig_class(**cls.rig_options)
        cls.addClassCleanup(cls.rig.stop)


class EmulatorProcessTestCase(unittest.TestCase):
    """Each test gets `self.directory` (removed after) holding `seed_document` as
    `self.seed_file`; `start(*arguments, **options)` runs `rig_class(emulator_args=arguments,
    **options)` until the test ends."""

    rig_class = None
    seed_document = None

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="emulator-process-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.seed_file = os.path.join(self.directory, "seed.json")
        with open(self.seed_file, "w") as handle:
            json.dump(self.seed_document, handle)

    def start(self, *arguments, **options):
        rig = self.rig_class(emulator_args=list(arguments), **options)
        self.addCleanup(rig.stop)
        return rig
