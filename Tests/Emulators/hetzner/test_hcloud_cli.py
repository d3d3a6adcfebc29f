"""The real hcloud CLI (Debian's hcloud-cli 1.30) runs unchanged against the emulator."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from emulator_harness import TOKEN, HetznerTestCase

HCLOUD = shutil.which("hcloud")
SERVERS = 60  # more than one page of 50, the most hcloud asks for


@unittest.skipIf(HCLOUD is None, "hcloud is not installed (apt-get install -y hcloud-cli)")
class HcloudCli(HetznerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config_dir = tempfile.mkdtemp(prefix="hcloud-config-")
        cls.addClassCleanup(shutil.rmtree, cls.config_dir, ignore_errors=True)

    def setUp(self):
        self.ids = self.rig.fresh({"servers": [{"name": f"web{i:02d}", "labels": {"role": "web"}}
                                               for i in range(SERVERS)]},
                                  action_duration=0.3)["projects"]["default"]

    def hcloud(self, *arguments, expect=0):
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.config_dir,
                       "HCLOUD_ENDPOINT": self.rig.endpoint, "HCLOUD_TOKEN": TOKEN,
                       "HCLOUD_CONFIG": os.path.join(self.config_dir, "cli.toml")}
        result = subprocess.run([HCLOUD, *arguments], env=environment, capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(result.returncode, expect,
                         f"hcloud {' '.join(arguments)}\nstdout: {result.stdout}\n"
                         f"stderr: {result.stderr}")
        self.assertNotIn(TOKEN, result.stdout + result.stderr)
        return result

    def state(self):
        return self.rig.control("GET", "state")["projects"]["default"]

    def test_server_list_fetches_every_page(self):
        listed = self.hcloud("server", "list", "-o", "noheader", "-o", "columns=name").stdout
        self.assertEqual(sorted(listed.split()), [f"web{i:02d}" for i in range(SERVERS)])
        as_json = json.loads(self.hcloud("server", "list", "-o", "json").stdout)
        self.assertEqual(len(as_json), SERVERS)
        pages = [c["query"].get("page", ["1"])[0] for c in
                 self.rig.control("GET", "calls?path=/v1/servers")["calls"]]
        self.assertIn("2", pages)  # the second page was fetched, not just the first 50
        selected = self.hcloud("server", "list", "-l", "role=web", "-o", "noheader").stdout
        self.assertEqual(len(selected.splitlines()), SERVERS)

    def test_load_balancer_lifecycle(self):
        self.assertEqual(self.hcloud("load-balancer", "list", "-o", "noheader").stdout, "")
        created = self.hcloud("load-balancer", "create", "--name", "edge", "--type", "lb11",
                              "--location", "fsn1")
        self.assertIn("203.0.113.", created.stdout)
        self.hcloud("load-balancer", "add-service", "edge", "--protocol", "http",
                    "--listen-port", "80", "--destination-port", "8080")
        self.hcloud("load-balancer", "add-target", "edge", "--server", "web07")
        described = self.hcloud("load-balancer", "describe", "edge").stdout
        self.assertIn("Listen Port:\t\t80", described)
        self.assertIn("Destination Port:\t\t8080", described)
        self.assertIn("Name:\t\t\tweb07", described)
        self.assertIn("Status:\t\t\thealthy", described)

        [lb] = self.state()["load_balancers"]
        self.assertEqual((lb["name"], lb["load_balancer_type"]["name"], lb["location"]["name"]),
                         ("edge", "lb11", "fsn1"))
        self.assertEqual([(s["protocol"], s["listen_port"], s["destination_port"])
                          for s in lb["services"]], [("http", 80, 8080)])
        self.assertEqual(lb["targets"][0]["server"]["id"], self.ids["servers"]["web07"])
        commands = [a["command"] for a in self.state()["actions"]]
        self.assertEqual(commands, ["create_load_balancer", "add_service", "add_target"])
        self.assertTrue(all(a["status"] == "success" for a in self.state()["actions"]))

        self.rig.control("POST", "health", {"load_balancer": "edge", "target": "web07",
                                            "listen_port": 80, "status": "unhealthy"})
        as_json = json.loads(self.hcloud("load-balancer", "describe", "edge", "-o", "json").stdout)
        self.assertEqual(as_json["targets"][0]["health_status"],
                         [{"listen_port": 80, "status": "unhealthy"}])
        # hcloud 1.30's list has no health column yet; describe shows the scripted state.
        self.assertIn("Status:\t\t\tunhealthy", self.hcloud("load-balancer", "describe",
                                                            "edge").stdout)

        self.hcloud("load-balancer", "delete", "edge")
        self.assertEqual(self.state()["load_balancers"], [])

    def test_refusals_reach_the_cli_as_api_errors(self):
        self.hcloud("load-balancer", "create", "--name", "edge", "--type", "lb11",
                    "--location", "fsn1")
        again = self.hcloud("load-balancer", "create", "--name", "edge", "--type", "lb11",
                            "--location", "fsn1", expect=1)
        self.assertIn("uniqueness_error", again.stderr)
        self.hcloud("load-balancer", "enable-protection", "edge", "delete")
        refused = self.hcloud("load-balancer", "delete", "edge", expect=1)
        self.assertIn("protected", refused.stderr)
        self.assertEqual(len(self.state()["load_balancers"]), 1)

    def test_failed_action_fails_the_command(self):
        self.hcloud("load-balancer", "create", "--name", "edge", "--type", "lb11",
                    "--location", "fsn1")
        self.rig.control("POST", "faults", {"kind": "action-error", "command": "add_target",
                                            "code": "target_unreachable",
                                            "message": "backend did not answer"})
        failed = self.hcloud("load-balancer", "add-target", "edge", "--server", "web01",
                             expect=1)
        self.assertIn("backend did not answer", failed.stderr)
        self.assertEqual(self.state()["load_balancers"][0]["targets"], [])

    def test_bad_token_is_unauthorized(self):
        environment = {"PATH": os.environ.get("PATH", ""), "HOME": self.config_dir,
                       "HCLOUD_ENDPOINT": self.rig.endpoint, "HCLOUD_TOKEN": "x" * 64,
                       "HCLOUD_CONFIG": os.path.join(self.config_dir, "cli.toml")}
        result = subprocess.run([HCLOUD, "server", "list"], env=environment,
                                capture_output=True, text=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("unauthorized", result.stderr)


if __name__ == "__main__":
    unittest.main()
