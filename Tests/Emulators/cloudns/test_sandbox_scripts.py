"""Tests/Emulators/sandbox/start and stop: pebble, challtestsrv and the emulator, wired up."""

import json
import os
import shlex
import shutil
import ssl
import subprocess
import tempfile
import unittest
import urllib.parse
import urllib.request

import dns_wire

SANDBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sandbox")
ENV_KEYS = {"SANDBOX_STATE_DIR", "ACME_DIRECTORY_URL", "PEBBLE_PORT", "PEBBLE_MANAGEMENT_URL",
            "SANDBOX_CA_PEM", "PEBBLE_ROOT_PEM", "DNS_RESOLVER", "DNS_PORT", "CHALLTESTSRV_URL",
            "CLOUDNS_API_URL", "CLOUDNS_EMULATOR_PORT", "CLOUDNS_EMULATOR_CONTROL_URL",
            "CLOUDNS_CREDENTIALS", "CLOUDNS_SUB_CREDENTIALS", "CLOUDNS_ZONE"}


def read_assignments(path):
    values = {}
    with open(path) as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                key, _, value = line.rstrip("\n").partition("=")
                values[key] = shlex.split(value)[0] if value else ""
    return values


def read_text(path):
    with open(path) as handle:
        return handle.read()


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@unittest.skipUnless(shutil.which("pebble") and shutil.which("openssl"),
                     "needs the pebble and openssl packages")
class SandboxScripts(unittest.TestCase):
    def test_start_wires_everything_and_stop_leaves_nothing_running(self):
        state = tempfile.mkdtemp(prefix="sandbox-test-")
        self.addCleanup(shutil.rmtree, state, True)
        started = subprocess.run([os.path.join(SANDBOX, "start"), state], capture_output=True,
                                 text=True, timeout=60)
        self.addCleanup(subprocess.run, [os.path.join(SANDBOX, "stop"), state], timeout=30)
        self.assertEqual(started.returncode, 0, started.stderr)
        env_file = started.stdout.strip().splitlines()[-1]
        env = read_assignments(env_file)
        self.assertEqual(set(env), ENV_KEYS)
        pids = [int(read_text(os.path.join(state, "pids", name)))
                for name in sorted(os.listdir(os.path.join(state, "pids")))]
        self.assertEqual(len(pids), 3)

        context = ssl.create_default_context(cafile=env["SANDBOX_CA_PEM"])
        with urllib.request.urlopen(env["ACME_DIRECTORY_URL"], context=context) as response:
            self.assertIn("newOrder", json.load(response))
        with open(env["PEBBLE_ROOT_PEM"]) as handle:
            self.assertIn("BEGIN CERTIFICATE", handle.read())

        credentials = read_assignments(env["CLOUDNS_CREDENTIALS"])
        self.assertEqual(os.stat(env["CLOUDNS_CREDENTIALS"]).st_mode & 0o077, 0)
        form = urllib.parse.urlencode({
            "auth-id": credentials["CLOUDNS_AUTH_ID"],
            "auth-password": credentials["CLOUDNS_AUTH_PASSWORD"],
            "domain-name": env["CLOUDNS_ZONE"], "record-type": "TXT", "host": "_acme-challenge",
            "record": "sandbox-value", "ttl": "60"}).encode()
        with urllib.request.urlopen(env["CLOUDNS_API_URL"] + "/dns/add-record.json",
                                    data=form) as response:
            self.assertEqual(json.load(response)["status"], "Success")
        name = f"_acme-challenge.{env['CLOUDNS_ZONE']}."
        self.assertEqual(dns_wire.query_txt(int(env["DNS_PORT"]), name), (0, ["sandbox-value"]))

        stopped = subprocess.run([os.path.join(SANDBOX, "stop"), env_file], capture_output=True,
                                 text=True, timeout=30)
        self.assertEqual(stopped.returncode, 0, stopped.stderr)
        self.assertEqual([pid for pid in pids if alive(pid)], [])
        self.assertEqual(os.listdir(os.path.join(state, "pids")), [])

    def test_native_route_serves_the_api_as_api_cloudns_net_through_the_proxy(self):
        state = tempfile.mkdtemp(prefix="sandbox-test-")
        self.addCleanup(shutil.rmtree, state, True)
        started = subprocess.run([os.path.join(SANDBOX, "start"), "--native-route", state],
                                 capture_output=True, text=True, timeout=60)
        self.addCleanup(subprocess.run, [os.path.join(SANDBOX, "stop"), state], timeout=30)
        self.assertEqual(started.returncode, 0, started.stderr)
        env = read_assignments(started.stdout.strip().splitlines()[-1])
        self.assertEqual(set(env) - ENV_KEYS, {"CLOUDNS_NATIVE_PROXY_URL", "CLOUDNS_NATIVE_TLS_PORT",
                                               "CLOUDNS_NATIVE_DNS_RESOLVER"})
        proxied = subprocess.run(
            ["curl", "-sf", "--proxy", env["CLOUDNS_NATIVE_PROXY_URL"], "--cacert",
             env["SANDBOX_CA_PEM"], "https://api.cloudns.net/dns/get-zone-info.json?"
             + urllib.parse.urlencode({"auth-id": "1000", "auth-password": "wrong",
                                       "domain-name": "example.test"})],
            capture_output=True, text=True, timeout=30, env={"PATH": os.environ["PATH"]})
        self.assertEqual(proxied.returncode, 0, proxied.stderr)
        self.assertEqual(json.loads(proxied.stdout)["status"], "Failed")  # the emulator's answer
        refused = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_connect}", "--proxy",
             env["CLOUDNS_NATIVE_PROXY_URL"], "https://example.com/"],
            capture_output=True, text=True, timeout=30, env={"PATH": os.environ["PATH"]})
        self.assertEqual(refused.stdout, "403")


if __name__ == "__main__":
    unittest.main()
