"""The emulator as a process: port file, seed file (again on reset), options, SIGTERM."""

import unittest

from emulator_harness import TOKEN, HetznerProcessTestCase

SEED = {"tokens": [TOKEN], "servers": [{"name": "seeded"}],
        "robot_users": [{"user": "u", "password": "p"}], "robot_servers": [{"server_number": 5}]}


class Process(HetznerProcessTestCase):
    seed_document = SEED

    def names(self, rig):
        return [s["name"] for s in rig.cloud("GET", "/servers").json()["servers"]]

    def test_seed_file_applies_at_start_and_on_reset(self):
        rig = self.start("--seed", self.seed_file)
        self.assertEqual(self.names(rig), ["seeded"])
        rig.control("POST", "server", {"server": "seeded", "delete": True})
        self.assertEqual(self.names(rig), [])
        rig.control("POST", "reset")
        self.assertEqual(self.names(rig), ["seeded"])
        self.assertEqual(rig.robot("GET", "/server", user="u", password="p").status, 200)

    def test_command_line_settings_and_clean_exit(self):
        rig = self.start("--action-duration", "1.0", "--rate-limit", "7200")
        settings = rig.control("GET", "settings")
        self.assertEqual(settings["action_duration"], 1.0)
        self.assertEqual(settings["rate_limit"], {"limit": 7200, "refill_per_second": 2.0})
        self.assertTrue(rig.control("GET", "health")["ok"])
        rig.process.terminate()
        self.assertEqual(rig.process.wait(5), 0)
        with open(rig.log_path) as log:
            self.assertIn(f"listening on http://127.0.0.1:{rig.port}", log.read())


if __name__ == "__main__":
    unittest.main()
