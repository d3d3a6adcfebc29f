"""bench/acme-soak.sh with a small count: real certbot, lego and dehydrated issuances through the
built acme-cloudns-hook while faults are injected and hooks are killed. Each issuance must
succeed or fail with a clear error, and nothing may be left behind."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOAK = os.path.join(REPO, "bench", "acme-soak.sh")
HOOK = os.environ.get("ACME_SOAK_HOOK", os.path.join(REPO, ".build", "debug", "acme-cloudns-hook"))
NEEDED = ["pebble", "pebble-challtestsrv", "certbot", "lego", "dehydrated", "openssl", "curl"]


@unittest.skipUnless(os.access(HOOK, os.X_OK), f"no built hook at {HOOK} (swift build)")
@unittest.skipIf([t for t in NEEDED if not shutil.which(t)],
                 "needs " + " ".join(t for t in NEEDED if not shutil.which(t)))
class SmallSoak(unittest.TestCase):
    def test_six_issuances_with_faults_leave_nothing_behind(self):
        directory = tempfile.mkdtemp(prefix="acme-soak-test-")
        self.addCleanup(shutil.rmtree, directory, True)
        report = os.path.join(directory, "soak.json")
        # Seed 1: slow propagation with a killed lego present, then slow add-record answers.
        result = subprocess.run([SOAK, "6", "--seed", "1", "--hook", HOOK, "--json", report],
                                capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        with open(report) as handle:
            summary = json.load(handle)
        self.assertEqual(summary["unexplained"], 0, result.stdout)
        self.assertEqual(summary["leftover_challenge_records"], 0, result.stdout)
        self.assertEqual(summary["unrelated_records_changed"], 0, result.stdout)
        self.assertEqual(summary["issued"] + summary["clear"] + summary["skipped"], 6)
        self.assertGreaterEqual(summary["issued"], 1, result.stdout)
        for issuance in summary["issuances"]:
            if issuance["outcome"] == "clear":
                self.assertTrue(issuance["reason"], issuance)
        self.assertIn("leftover _acme-challenge records 0, unrelated records changed 0", result.stdout)


if __name__ == "__main__":
    unittest.main()
