"""hooks/dns_acmecloudns.sh, sourced the way acme.sh sources a dnsapi script: with acme.sh's
helper functions (stand-ins here, keeping account.conf as SAVED_NAME='value' lines the way
acme.sh does), under /bin/sh, calling a recording fake of acme-cloudns-hook."""

import os
import shlex
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
WRAPPER = os.path.join(HERE, "..", "..", "hooks", "dns_acmecloudns.sh")

# The acme.sh helpers a dnsapi script may call, reduced to what this wrapper uses.
ACME_SH_HELPERS = r"""
_info() { echo "[info] $*"; }
_err() { echo "[error] $*" >&2; }
_debug() { :; }
_readaccountconf_mutable() {
  [ -f "$ACCOUNT_CONF_PATH" ] || return 0
  sed -n "s/^SAVED_$1='\(.*\)'\$/\1/p" "$ACCOUNT_CONF_PATH" | tail -n 1
}
_saveaccountconf_mutable() {
  touch "$ACCOUNT_CONF_PATH"
  grep -v "^SAVED_$1=" "$ACCOUNT_CONF_PATH" > "$ACCOUNT_CONF_PATH.new" || true
  printf "SAVED_%s='%s'\n" "$1" "$2" >> "$ACCOUNT_CONF_PATH.new"
  mv "$ACCOUNT_CONF_PATH.new" "$ACCOUNT_CONF_PATH"
}
"""

FAKE_HOOK = """#!/bin/sh
printf '%s\\n' "$*" >> "$RECORD"
printf 'credentials=%s api=%s id=%s\\n' "${CLOUDNS_CREDENTIALS:-}" "${CLOUDNS_API_URL:-}" \\
    "${CLOUDNS_AUTH_ID:-}" >> "$RECORD"
echo "acme-cloudns-hook: $1 done" >&2
exit "${FAKE_HOOK_STATUS:-0}"
"""


class AcmeShWrapper(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="acmesh-wrapper-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.directory])
        self.hook = os.path.join(self.directory, "acme-cloudns-hook")
        with open(self.hook, "w") as handle:
            handle.write(FAKE_HOOK)
        os.chmod(self.hook, 0o755)
        self.record = os.path.join(self.directory, "calls")
        self.account_conf = os.path.join(self.directory, "account.conf")

    def call(self, function, name, value, **settings):
        script = (ACME_SH_HELPERS + f". {shlex.quote(WRAPPER)}\n"
                  + f"{function} {shlex.quote(name)} {shlex.quote(value)}\n")
        env = {"PATH": "/usr/bin:/bin", "RECORD": self.record,
               "ACCOUNT_CONF_PATH": self.account_conf, **settings}
        return subprocess.run(["/bin/sh", "-c", script], env=env, capture_output=True, text=True,
                              timeout=30)

    def recorded(self):
        with open(self.record) as handle:
            return handle.read().splitlines()

    def saved(self):
        with open(self.account_conf) as handle:
            return handle.read()

    def test_add_and_rm_run_present_and_cleanup_with_the_fully_qualified_name(self):
        added = self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "VALUE-1",
                          ACME_CLOUDNS_HOOK=self.hook)
        removed = self.call("dns_acmecloudns_rm", "_acme-challenge.example.test.", "VALUE-1",
                            ACME_CLOUDNS_HOOK=self.hook)
        self.assertEqual((added.returncode, removed.returncode), (0, 0), added.stderr + removed.stderr)
        calls = self.recorded()
        self.assertEqual(calls[0], "present _acme-challenge.example.test. VALUE-1")
        self.assertEqual(calls[2], "cleanup _acme-challenge.example.test. VALUE-1")
        self.assertIn("acme-cloudns-hook: present done", added.stdout)

    def test_settings_are_saved_on_issue_and_used_again_on_renewal(self):
        first = self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "V",
                          ACME_CLOUDNS_HOOK=self.hook, CLOUDNS_CREDENTIALS="/etc/cloudns.cred",
                          CLOUDNS_API_URL="http://127.0.0.1:9")
        self.assertEqual(first.returncode, 0, first.stderr)
        saved = self.saved()
        self.assertIn("SAVED_CLOUDNS_CREDENTIALS='/etc/cloudns.cred'", saved)
        self.assertIn(f"SAVED_ACME_CLOUDNS_HOOK='{self.hook}'", saved)
        renewal = self.call("dns_acmecloudns_rm", "_acme-challenge.example.test", "V")
        self.assertEqual(renewal.returncode, 0, renewal.stderr)
        self.assertEqual(self.recorded()[-1],
                         "credentials=/etc/cloudns.cred api=http://127.0.0.1:9 id=")

    def test_the_environment_wins_over_a_saved_value_and_replaces_it(self):
        self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "V",
                  ACME_CLOUDNS_HOOK=self.hook, CLOUDNS_AUTH_ID="1000")
        self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "V",
                  ACME_CLOUDNS_HOOK=self.hook, CLOUDNS_AUTH_ID="2000")
        self.assertEqual(self.recorded()[-1], "credentials= api= id=2000")
        self.assertIn("SAVED_CLOUDNS_AUTH_ID='2000'", self.saved())
        self.assertNotIn("SAVED_CLOUDNS_AUTH_ID='1000'", self.saved())

    def test_a_failing_hook_fails_the_call_with_a_message(self):
        failed = self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "V",
                           ACME_CLOUDNS_HOOK=self.hook, FAKE_HOOK_STATUS="77")
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("acme-cloudns-hook present _acme-challenge.example.test. failed", failed.stderr)

    def test_a_missing_hook_is_named(self):
        missing = self.call("dns_acmecloudns_add", "_acme-challenge.example.test", "V",
                            ACME_CLOUDNS_HOOK=os.path.join(self.directory, "nowhere"))
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("acme-cloudns-hook not found", missing.stderr)


if __name__ == "__main__":
    unittest.main()
