"""Starts the emulator on a free loopback port for tests and talks to it. Every process
started here is stopped by `Rig.stop`."""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from emulator_kit.harness import (LOOPBACK, EmulatorProcessTestCase, EmulatorRig,
                                  EmulatorTestCase,  # noqa: E402,F401
                                  start_process, stop_process)

EMULATOR = os.path.join(HERE, "emulator.py")
TOKEN = "t" * 32 + "0123456789abcdef0123456789abcdef"  # hcloud insists on 64 characters
READ_ONLY_TOKEN = "r" * 64
ROBOT_USER, ROBOT_PASSWORD = "#ws+robot", "robot-secret-password"


class Rig(EmulatorRig):
    def __init__(self, emulator_args=()):
        self.directory = tempfile.mkdtemp(prefix="hetzner-emulator-test-")
        self.process = None
        try:
            self.start(list(emulator_args))
        except BaseException:
            self.stop()
            raise

    def start(self, arguments):
        port_file = os.path.join(self.directory, "emulator.port")
        self.log_path = os.path.join(self.directory, "emulator.log")
        self.process, self.port = start_process(
            [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file] + arguments,
            port_file, self.log_path)
        self.endpoint = f"http://{LOOPBACK}:{self.port}/v1"
        self.robot_url = f"http://{LOOPBACK}:{self.port}/robot"

    def stop(self):
        if self.process:
            stop_process(self.process)
        shutil.rmtree(self.directory, ignore_errors=True)

    def cloud(self, method, path, body=None, token=TOKEN):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body).encode()
        return self.request(method, f"/v1{path}", body, headers)

    def robot(self, method, path, form=None, user=ROBOT_USER, password=ROBOT_PASSWORD,
              raw_body=None, content_type="application/x-www-form-urlencoded"):
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers = {"Authorization": f"Basic {credentials}"}
        body = raw_body
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
        if body is not None:
            headers["Content-Type"] = content_type
        return self.request(method, f"/robot{path}", body, headers)

    def fresh(self, seed=None, **settings):
        """Reset, then seed the default project (with TOKEN) plus `seed`."""
        self.control("POST", "reset")
        if settings:
            self.control("POST", "settings", settings)
        document = {"tokens": [TOKEN], "read_only_tokens": [READ_ONLY_TOKEN],
                    "robot_users": [{"user": ROBOT_USER, "password": ROBOT_PASSWORD}]}
        for key, value in (seed or {}).items():
            document[key] = document.get(key, []) + value if isinstance(value, list) else value
        return self.control("POST", "seed", document)["ids"]

    def wait_action(self, action_id, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            action = self.cloud("GET", f"/actions/{action_id}").json()["action"]
            if action["status"] != "running":
                return action
            time.sleep(0.05)
        raise AssertionError(f"action {action_id} still running")


class HetznerTestCase(EmulatorTestCase):
    rig_class = Rig


class HetznerProcessTestCase(EmulatorProcessTestCase):
    rig_class = Rig


def make_certificate(directory, common_name="example.com", names=("example.com",
                                                                   "www.example.com"), days=30):
    """A self-signed certificate and key (PEM strings) made with openssl."""
    key_path = os.path.join(directory, f"{common_name}.key")
    cert_path = os.path.join(directory, f"{common_name}.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key_path, "-out",
                    cert_path, "-days", str(days), "-subj", f"/CN={common_name}", "-addext",
                    "subjectAltName=" + ",".join(f"DNS:{n}" for n in names)],
                   check=True, capture_output=True)
    with open(cert_path) as cert, open(key_path) as key:
        return cert.read(), key.read()
