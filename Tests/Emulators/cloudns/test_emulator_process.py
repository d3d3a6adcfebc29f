"""The emulator as a process: port file, state file across restarts, seed file, clean exit."""

import os
import stat
import unittest

from emulator_harness import CloudnsProcessTestCase

USER = {"auth-id": "7", "auth-password": "state-secret"}
SEED = {"identities": [{"auth_id": 7, "password": "state-secret"}],
        "zones": [{"name": "seeded.test",
                   "records": [{"type": "A", "host": "www", "record": "192.0.2.7", "ttl": 300}]}]}


class Process(CloudnsProcessTestCase):
    seed_document = SEED

    def setUp(self):
        super().setUp()
        self.state_file = os.path.join(self.directory, "state.json")

    def records(self, rig):
        listing = rig.call("records", {**USER, "domain-name": "seeded.test"}).json()
        return sorted((r["host"], r["record"]) for r in listing.values()) if listing else []

    def test_state_survives_a_restart_and_stays_owner_only(self):
        first = self.start("--state-file", self.state_file, "--seed", self.seed_file)
        added = first.call("add-record", {**USER, "domain-name": "seeded.test",
                                          "record-type": "TXT", "host": "t", "record": "kept",
                                          "ttl": 60}).json()
        first.emulator.terminate()
        self.assertEqual(first.emulator.wait(5), 0)
        self.assertEqual(stat.S_IMODE(os.stat(self.state_file).st_mode), 0o600)
        second = self.start("--state-file", self.state_file)
        self.assertEqual(self.records(second), [("t", "kept"), ("www", "192.0.2.7")])
        again = second.call("add-record", {**USER, "domain-name": "seeded.test",
                                           "record-type": "TXT", "host": "t", "record": "next",
                                           "ttl": 60}).json()
        self.assertGreater(again["data"]["id"], added["data"]["id"])

    def test_reset_restores_the_seed(self):
        rig = self.start("--seed", self.seed_file)
        rig.call("delete-record", {**USER, "domain-name": "seeded.test",
                                   "record-id": next(iter(rig.call(
                                       "records", {**USER, "domain-name": "seeded.test"}).json()))})
        self.assertEqual(self.records(rig), [])
        rig.control("POST", "reset")
        self.assertEqual(self.records(rig), [("www", "192.0.2.7")])

    def test_command_line_settings(self):
        rig = self.start("--propagation-delay", "9", "--servers", "8", "--rate-limit", "5",
                         "--accept-ttl-600")
        settings = rig.control("GET", "settings")
        self.assertEqual(settings["rate_limit"],
                         {"per_second": 5, "per_minute": 600, "per_hour": 36000})
        self.assertEqual([s["delay"] for s in settings["servers"]],
                         [9 * (i + 1) / 8 for i in range(8)])
        self.assertTrue(settings["accept_ttl_600"])


if __name__ == "__main__":
    unittest.main()
