"""TXT records changed through the API are what pebble-challtestsrv's DNS answers."""

import time
import unittest

from emulator_harness import CloudnsTestCase

USER = {"auth-id": "1000", "auth-password": "dns-test"}
CHALLENGE = "_acme-challenge.example.com."


class MirrorCase(CloudnsTestCase):
    rig_options = {"with_challtestsrv": True}

    def fresh_account(self, **settings):
        self.rig.control("POST", "reset")
        self.rig.control("POST", "settings", {"rate_limit": {"per_second": 0}, **settings})
        self.rig.control("POST", "seed", {
            "identities": [{"auth_id": 1000, "password": "dns-test"}],
            "zones": [{"name": "example.com", "records": [
                          {"type": "TXT", "host": "seeded", "record": "from-seed", "ttl": 60}]},
                      {"name": "shared.net", "type": "cloud", "cloud_master": "example.com"}]})

    def add_txt(self, host, value, zone="example.com"):
        answer = self.rig.call("add-record", {**USER, "domain-name": zone, "record-type": "TXT",
                                              "host": host, "record": value, "ttl": 60}).json()
        assert answer["status"] == "Success", answer
        return answer["data"]["id"]

    def delete(self, record_id):
        answer = self.rig.call("delete-record", {**USER, "domain-name": "example.com",
                                                 "record-id": record_id}).json()
        assert answer["status"] == "Success", answer

    def wait_for_dns(self, name, expected, timeout=3.0):
        deadline = time.monotonic() + timeout
        while True:
            served = self.rig.dns(name)
            if served == expected or time.monotonic() > deadline:
                return served
            time.sleep(0.02)


class DnsMirror(MirrorCase):
    def setUp(self):
        self.fresh_account()

    def test_added_values_are_served_and_a_delete_keeps_the_sibling(self):
        apex_value = "A" * 43
        wildcard_value = "B" * 43
        first = self.add_txt("_acme-challenge", apex_value)
        self.assertEqual(self.rig.dns(CHALLENGE), [apex_value])
        second = self.add_txt("_acme-challenge", wildcard_value)
        self.assertEqual(self.rig.dns(CHALLENGE), [apex_value, wildcard_value])
        self.delete(first)
        self.assertEqual(self.rig.dns(CHALLENGE), [wildcard_value])
        self.delete(second)
        self.assertEqual(self.rig.dns(CHALLENGE), [])

    def test_mixed_case_host_is_served_under_the_lower_case_name(self):
        self.add_txt("_ACME-Challenge.WWW", "v")
        self.assertEqual(self.rig.dns("_acme-challenge.www.example.com."), ["v"])

    def test_identical_values_are_served_twice_until_one_is_deleted(self):
        first = self.add_txt("_acme-challenge", "same")
        self.add_txt("_acme-challenge", "same")
        self.assertEqual(self.rig.dns(CHALLENGE), ["same", "same"])
        self.delete(first)
        self.assertEqual(self.rig.dns(CHALLENGE), ["same"])

    def test_modify_replaces_the_served_value_and_moves_hosts(self):
        record_id = self.add_txt("_acme-challenge", "old")
        changed = self.rig.call("mod-record", {**USER, "domain-name": "example.com",
                                               "record-id": record_id, "host": "_acme-challenge.b",
                                               "record": "new", "ttl": 60}).json()
        self.assertEqual(changed["status"], "Success")
        self.assertEqual(self.rig.dns(CHALLENGE), [])
        self.assertEqual(self.rig.dns("_acme-challenge.b.example.com."), ["new"])

    def test_cloud_zone_serves_its_masters_records(self):
        self.add_txt("_acme-challenge", "shared")
        self.assertEqual(self.rig.dns("_acme-challenge.shared.net."), ["shared"])
        self.assertEqual(self.rig.dns("seeded.shared.net."), ["from-seed"])

    def test_seeded_records_are_served_and_reset_removes_them(self):
        self.assertEqual(self.rig.dns("seeded.example.com."), ["from-seed"])
        self.rig.control("POST", "reset")
        self.assertEqual(self.rig.dns("seeded.example.com."), [])

    def test_dns_follows_the_propagation_delay(self):
        self.rig.control("POST", "settings", {"propagation_delay": 0.5})
        changed_at = time.monotonic()
        self.add_txt("_acme-challenge", "late")
        self.assertEqual(self.rig.dns(CHALLENGE), [])
        self.assertEqual(self.wait_for_dns(CHALLENGE, ["late"]), ["late"])
        self.assertGreaterEqual(time.monotonic() - changed_at, 0.5)
        updated = self.rig.call("is-updated", {**USER, "domain-name": "example.com"}).json()
        self.assertTrue(updated)

    def test_dns_can_be_told_to_ignore_the_propagation_delay(self):
        self.rig.control("POST", "settings", {"propagation_delay": 30,
                                              "dns_follows_propagation": False})
        self.add_txt("_acme-challenge", "now")
        self.assertEqual(self.rig.dns(CHALLENGE), ["now"])

    def test_state_shows_what_challtestsrv_serves(self):
        self.add_txt("_acme-challenge", "x")
        dns = self.rig.control("GET", "state")["dns"]
        self.assertEqual(dns["served"][CHALLENGE], ["x"])
        self.assertEqual(dns["errors"], [])


if __name__ == "__main__":
    unittest.main()
