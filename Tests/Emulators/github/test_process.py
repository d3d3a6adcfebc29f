"""The emulator as a process: port file, env file for gh, TLS with its own CA, seed file and
reset, command-line settings, clean exit on SIGTERM."""

import json
import os
import ssl
import unittest
import urllib.error
import urllib.request

from emulator_harness import GithubProcessTestCase

SEED = {"tokens": [{"token": "ghp_seeded", "login": "erin"}],
        "repos": [{"full_name": "acme/api", "alerts": {"dependabot": 2}}]}


class Process(GithubProcessTestCase):
    seed_document = SEED

    def test_sigterm_exits_cleanly(self):
        rig = self.start()
        rig.process.terminate()
        self.assertEqual(rig.process.wait(5), 0)

    def test_env_file_without_tls_names_the_plain_url_and_an_empty_config_dir(self):
        rig = self.start()
        environment = rig.environment
        self.assertEqual(environment["GITHUB_EMULATOR_URL"], f"http://127.0.0.1:{rig.port}")
        self.assertNotIn("GH_HOST", environment)
        self.assertEqual(os.listdir(environment["GH_CONFIG_DIR"]), [])
        self.assertEqual(environment["GH_NO_UPDATE_NOTIFIER"], "1")

    def test_tls_listener_is_trusted_through_the_ca_in_the_env_file(self):
        rig = self.start("--seed", self.seed_file, tls=True)
        environment = rig.environment
        tls_url = environment["GITHUB_EMULATOR_TLS_URL"]
        self.assertEqual(environment["GH_HOST"], tls_url.removeprefix("https://"))
        context = ssl.create_default_context(cafile=environment["SSL_CERT_FILE"])
        request = urllib.request.Request(f"{tls_url}/api/v3/repos/acme/api/dependabot/alerts",
                                         headers={"Authorization": "Bearer ghp_seeded"})
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            alerts = json.load(response)
        self.assertEqual([a["number"] for a in alerts], [2, 1])
        self.assertTrue(alerts[0]["url"].startswith(f"{tls_url}/api/v3/repos/acme/api/"))
        health = rig.control("GET", "health")
        self.assertEqual(health["listeners"]["https"], int(tls_url.rsplit(":", 1)[1]))
        with self.assertRaises(urllib.error.URLError) as refused:  # not trusted without the CA
            urllib.request.urlopen(f"{tls_url}/api/v3/", context=ssl.create_default_context(),
                                   timeout=10)
        self.assertIsInstance(refused.exception.reason, ssl.SSLCertVerificationError)

    def test_seed_file_is_applied_and_restored_by_reset(self):
        rig = self.start("--seed", self.seed_file)
        rig.control("POST", "seed", {"repos": [{"full_name": "acme/extra"}]})
        self.assertEqual(len(rig.control("GET", "state")["repos"]), 2)
        rig.control("POST", "reset")
        state = rig.control("GET", "state")
        self.assertEqual([r["full_name"] for r in state["repos"]], ["acme/api"])
        self.assertEqual(rig.request("GET", "/user", "ghp_seeded").json()["login"], "erin")

    def test_command_line_settings(self):
        rig = self.start("--latency-ms", "40", "--per-page-default", "50", "--rate-limit", "900")
        self.assertEqual(rig.control("GET", "settings"),
                         {"latency_ms": 40, "per_page_default": 50, "rate_limit": 900,
                          "rate_window": 3600, "rate_limit_status": 403, "link_style": "path"})
        rig.control("POST", "settings", {"latency_ms": 0})
        rig.control("POST", "reset")
        self.assertEqual(rig.control("GET", "settings")["latency_ms"], 40)


if __name__ == "__main__":
    unittest.main()
