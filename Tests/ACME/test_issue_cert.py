"""Tests/ACME/issue-cert's own contract: usage errors, skips, and a failing hook reported with
the client's log. Successful issuance through the real hook is the end-to-end tests' job."""

import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ISSUE_CERT = os.path.join(HERE, "issue-cert")
SANDBOX = os.path.join(HERE, "..", "Emulators", "sandbox")


def alive(pid):
    """True unless the process is gone or a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def issue_cert(*arguments, env=None, timeout=120):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SANDBOX", "ACMESH"))}
    environment.update(env or {})
    return subprocess.run([ISSUE_CERT, *arguments], capture_output=True, text=True,
                          env=environment, timeout=timeout)


class IssueCertArguments(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="issue-cert-test-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.env_file = os.path.join(self.directory, "sandbox.env")
        with open(self.env_file, "w") as handle:  # a sandbox without the api.cloudns.net route
            handle.write(f"SANDBOX_STATE_DIR={self.directory}\nSANDBOX_CA_PEM=/nonexistent\n"
                         "DNS_RESOLVER=127.0.0.1:9\nCLOUDNS_API_URL=http://127.0.0.1:9\n"
                         "CLOUDNS_CREDENTIALS=/nonexistent\n")

    def test_too_few_arguments_print_the_usage(self):
        result = issue_cert("certbot")
        self.assertEqual(result.returncode, 64)
        self.assertIn("CLIENT HOOK DOMAIN...", result.stderr)

    def test_an_unknown_client_is_a_usage_error(self):
        result = issue_cert("--env", self.env_file, "acme-tiny", "/bin/true", "example.test")
        self.assertEqual(result.returncode, 64)
        self.assertIn("unknown client 'acme-tiny'", result.stderr)

    def test_without_a_sandbox_env_file_it_says_how_to_get_one(self):
        result = issue_cert("certbot", "/bin/true", "example.test")
        self.assertEqual(result.returncode, 66)
        self.assertIn("sandbox/start", result.stderr)

    def test_acmesh_is_skipped_with_the_reason_when_acme_sh_is_absent(self):
        result = issue_cert("--env", self.env_file, "acmesh", "/bin/true", "example.test",
                            env={"ACMESH": os.path.join(self.directory, "no-acme.sh")})
        self.assertEqual(result.returncode, 77)
        self.assertIn("skip: acme.sh is not installed", result.stderr)

    def test_lego_native_is_skipped_when_the_sandbox_has_no_route(self):
        if not shutil.which("lego"):
            self.skipTest("needs lego")
        result = issue_cert("--env", self.env_file, "lego-native", "-", "example.test")
        self.assertEqual(result.returncode, 77)
        self.assertIn("--native-route", result.stderr)

    def test_a_hook_that_is_not_executable_is_refused(self):
        if not shutil.which("lego"):
            self.skipTest("needs lego")
        result = issue_cert("--env", self.env_file, "lego", self.env_file, "example.test")
        self.assertEqual(result.returncode, 64)
        self.assertIn("is not an executable file", result.stderr)


@unittest.skipUnless(shutil.which("pebble") and shutil.which("lego") and shutil.which("openssl"),
                     "needs the pebble, lego and openssl packages")
class IssueCertAgainstTheSandbox(unittest.TestCase):
    def setUp(self):
        self.state = tempfile.mkdtemp(prefix="issue-cert-sandbox-")
        self.addCleanup(shutil.rmtree, self.state, True)
        started = subprocess.run([os.path.join(SANDBOX, "start"), self.state],
                                 capture_output=True, text=True, timeout=60)
        self.addCleanup(subprocess.run, [os.path.join(SANDBOX, "stop"), self.state], timeout=30)
        self.assertEqual(started.returncode, 0, started.stderr)
        self.env_file = started.stdout.strip().splitlines()[-1]

    def test_a_failing_hook_fails_the_run_with_the_clients_log_and_no_certificate(self):
        result = issue_cert("--env", self.env_file, "--trace", "lego", "/bin/false",
                            "example.test")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn("lego: exited with status 1", result.stderr)
        self.assertIn("error presenting token", result.stderr)
        runs = os.path.join(self.state, "acme-runs")
        (work,) = os.listdir(runs)
        with open(os.path.join(runs, work, "hook-calls.tsv")) as handle:
            events = [line.split("\t")[4] for line in handle.read().splitlines()]
        self.assertEqual(events, ["present", "cleanup"])

    def test_a_hung_client_is_stopped_at_the_timeout_with_its_hook(self):
        hook = os.path.join(self.state, "hangs")
        with open(hook, "w") as handle:
            handle.write("#!/bin/sh\necho $$ > \"$0.pid\"\nexec sleep 120\n")
        os.chmod(hook, 0o755)
        result = issue_cert("--env", self.env_file, "--timeout", "3", "lego", hook,
                            "example.test")
        self.assertEqual(result.returncode, 1)
        self.assertIn("timed out after 3s", result.stderr)
        with open(hook + ".pid") as handle:
            self.assertFalse(alive(int(handle.read())), "the hook outlived the timeout")


if __name__ == "__main__":
    unittest.main()
