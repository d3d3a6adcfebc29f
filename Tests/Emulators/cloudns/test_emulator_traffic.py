"""Rate limiting, fault injection, propagation delay and the call log."""

import http.client
import json
import socket
import time
import unittest
import urllib.parse

from emulator_harness import LOOPBACK, CloudnsTestCase, Rig

PASSWORD = "call-log-must-not-show-this"
USER = {"auth-id": "1000", "auth-password": PASSWORD}
ZONE = {"domain-name": "example.com"}


class AccountCase(CloudnsTestCase):
    def fresh_account(self, **settings):
        self.rig.control("POST", "reset")
        self.rig.control("POST", "seed", {"identities": [{"auth_id": 1000, "password": PASSWORD}],
                                          "zones": [{"name": "example.com"}]})
        if settings:
            self.rig.control("POST", "settings", settings)

    def add_txt(self, host, value="v", style="GET"):
        return self.rig.call("add-record", {**USER, **ZONE, "record-type": "TXT", "host": host,
                                            "record": value, "ttl": 60}, style=style)

    def txt_hosts(self):
        listing = self.rig.call("records", {**USER, **ZONE}).json()
        return sorted(r["host"] for r in listing.values()) if listing else []


class RateLimits(AccountCase):
    def test_default_is_20_per_second_answered_as_http_200_request_blocked(self):
        self.fresh_account()
        self.assertEqual(self.rig.control("GET", "settings")["rate_limit"],
                         {"per_second": 20, "per_minute": 600, "per_hour": 36000})
        connection = http.client.HTTPConnection(LOOPBACK, self.rig.port, timeout=5)  # keep-alive
        query = urllib.parse.urlencode({**USER})
        answers = []
        for _ in range(21):
            connection.request("GET", f"/dns/login.json?{query}")
            response = connection.getresponse()
            answers.append((response.status, json.loads(response.read())))
        connection.close()
        self.assertTrue(all(a == (200, {"status": "Success", "statusDescription": "Success login."})
                            for a in answers[:20]), answers[:20])
        self.assertEqual(answers[20], (200, {
            "status": "Failed",
            "statusDescription": "Request blocked. 127.0.0.1 is sending more than 20 requests "
                                 "per second."}))

    def test_limit_is_per_client_and_recovers_after_a_second(self):
        self.fresh_account(rate_limit={"per_second": 3})
        for _ in range(3):
            self.assertEqual(self.rig.call("login", USER).json()["status"], "Success")
        blocked = self.rig.call("login", USER).json()
        self.assertEqual(blocked["statusDescription"],
                         "Request blocked. 127.0.0.1 is sending more than 3 requests per second.")
        other_client = self.rig.call("login", USER, source="127.0.0.2").json()
        self.assertEqual(other_client["status"], "Success")
        time.sleep(1.05)
        self.assertEqual(self.rig.call("login", USER).json()["status"], "Success")
        results = [c["result"] for c in self.rig.control("GET", "calls?method=login")["calls"]]
        self.assertEqual(results, ["Success"] * 3 + ["blocked", "Success", "Success"])


class Faults(AccountCase):
    def setUp(self):
        self.fresh_account(rate_limit={"per_second": 0})

    def inject(self, **fault):
        return self.rig.control("POST", "faults", fault)["faults"][0]

    def test_http_errors_for_the_next_two_calls_of_one_method(self):
        self.inject(method="add-record", kind="http-error", status=500, count=2)
        self.assertEqual(self.rig.call("login", USER).status, 200)  # other methods unaffected
        for _ in range(2):
            response = self.add_txt("a")
            self.assertEqual((response.status, response.content_type), (500, "text/html"))
            self.assertIn(b"500 Internal Server Error", response.body)
        self.assertEqual(self.txt_hosts(), [])
        self.assertEqual(self.add_txt("a").json()["status"], "Success")
        self.assertEqual(self.rig.control("GET", "faults")["faults"], [])

    def test_connection_reset_before_and_after_the_change_is_applied(self):
        self.inject(method="add-record", kind="reset")
        with self.assertRaises((ConnectionResetError, http.client.RemoteDisconnected)):
            self.add_txt("before")
        self.assertEqual(self.txt_hosts(), [])
        self.inject(method="add-record", kind="reset", after_apply=True)
        with self.assertRaises((ConnectionResetError, http.client.RemoteDisconnected)):
            self.add_txt("after")
        self.assertEqual(self.txt_hosts(), ["after"])

    def test_slow_answer(self):
        self.inject(method="records", kind="slow", delay=0.4)
        started = time.monotonic()
        self.assertEqual(self.rig.call("records", {**USER, **ZONE}).body, b"[]")
        self.assertGreaterEqual(time.monotonic() - started, 0.4)
        with self.assertRaises((socket.timeout, TimeoutError)):
            self.inject(method="records", kind="slow", delay=0.5)
            self.rig.request("GET", "/dns/records.json?" + urllib.parse.urlencode({**USER, **ZONE}),
                             timeout=0.2)

    def test_html_page_and_invalid_json_with_status_200(self):
        self.inject(method="*", kind="html")
        self.inject(method="*", kind="invalid-json")
        html = self.rig.call("login", USER)
        self.assertEqual((html.status, html.content_type), (200, "text/html"))
        self.assertTrue(html.body.startswith(b"<!DOCTYPE html>"))
        broken = self.rig.call("login", USER)
        self.assertEqual(broken.content_type, "application/json")
        with self.assertRaises(ValueError):
            json.loads(broken.body)

    def test_failed_body_on_the_second_records_page(self):
        self.inject(method="records", kind="failed", skip=1, description="Temporary failure.")
        self.assertEqual(self.rig.call("records", {**USER, **ZONE}).json(), [])
        self.assertEqual(self.rig.call("records", {**USER, **ZONE}).json(),
                         {"status": "Failed", "statusDescription": "Temporary failure."})
        self.assertEqual(self.rig.call("records", {**USER, **ZONE}).json(), [])

    def test_bad_fault_specification_is_refused(self):
        self.rig.control("POST", "faults", {"kind": "explode"}, expect=400)


class Propagation(AccountCase):
    def test_servers_flip_to_updated_one_by_one_after_the_last_change(self):
        self.fresh_account(rate_limit={"per_second": 0}, propagation_delays=[0.2, 0.4, 0.6, 0.8])
        self.assertTrue(self.rig.call("is-updated", {**USER, **ZONE}).json())
        changed_at = time.monotonic()
        self.add_txt("_acme-challenge")
        seen, is_updated_answers = [], set()
        while True:
            servers = self.rig.call("update-status", {**USER, **ZONE}).json()
            elapsed = time.monotonic() - changed_at
            updated = sum(s["updated"] for s in servers)
            is_updated_answers.add(self.rig.call("is-updated", {**USER, **ZONE}).body)
            seen.append(updated)
            if updated == 4:
                break
            self.assertLess(elapsed, 3, seen)
            time.sleep(0.02)
        self.assertGreaterEqual(elapsed, 0.8)
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(sorted(set(seen)), [0, 1, 2, 3, 4])
        self.assertEqual(set(servers[0]), {"server", "ip4", "ip6", "updated"})
        self.assertEqual(is_updated_answers, {b"false", b"true"})
        zones = self.rig.call("list-zones", {**USER, "page": 1, "rows-per-page": 10}).json()
        self.assertEqual(zones[0]["isUpdated"], 1)

    def test_server_count_and_delay_from_settings(self):
        self.fresh_account(rate_limit={"per_second": 0}, propagation_delay=30, servers=8)
        self.add_txt("x")
        servers = self.rig.call("update-status", {**USER, **ZONE}).json()
        self.assertEqual(len(servers), 8)
        self.assertFalse(any(s["updated"] for s in servers))
        self.assertEqual(self.rig.call("is-updated", {**USER, **ZONE}).body, b"false")
        self.rig.control("POST", "propagate")
        self.assertEqual(self.rig.call("is-updated", {**USER, **ZONE}).body, b"true")


class CallLog(AccountCase):
    def test_log_names_method_style_and_identity_but_never_the_secrets(self):
        self.fresh_account(rate_limit={"per_second": 0})
        self.rig.control("DELETE", "calls")
        before = time.time()
        self.add_txt("a", style="POST-form")
        self.add_txt("b", style="POST-JSON")
        self.rig.call("records", {**USER, **ZONE})
        self.rig.call("login", {"sub-auth-user": "nobody", "auth-password": PASSWORD})
        log = self.rig.control("GET", "calls")
        self.assertEqual(log["counts"], {"add-record": 2, "records": 1, "login": 1})
        calls = log["calls"]
        self.assertEqual([(c["method"], c["style"], c["identity"], c["result"]) for c in calls], [
            ("add-record", "POST form", "auth-id", "Success"),
            ("add-record", "POST JSON", "auth-id", "Success"),
            ("records", "GET query", "auth-id", "data"),
            ("login", "GET query", "sub-auth-user", "Failed")])
        self.assertEqual(calls[0]["params"]["host"], "a")
        times = [c["time"] for c in calls]
        self.assertEqual(times, sorted(times))
        self.assertGreaterEqual(times[0], before)
        raw = self.rig.request("GET", "/_emulator/calls").body.decode()
        self.assertNotIn(PASSWORD, raw)
        self.assertNotIn("nobody", raw)
        self.assertFalse(any({"auth-id", "auth-password", "sub-auth-user"} & set(c["params"])
                             for c in calls))
        later = self.rig.control("GET", f"calls?since={calls[1]['seq']}")["calls"]
        self.assertEqual([c["method"] for c in later], ["records", "login"])

    def test_emulator_output_never_contains_the_password(self):
        verbose = Rig(emulator_args=["--verbose"])
        try:
            verbose.control("POST", "seed", {"identities": [{"auth_id": 1, "password": PASSWORD}]})
            verbose.call("login", {"auth-id": "1", "auth-password": PASSWORD})
            verbose.call("login", {"auth-id": "1", "auth-password": PASSWORD}, style="POST-form")
            state = verbose.request("GET", "/_emulator/state").body.decode()
            verbose.emulator.terminate()
            verbose.emulator.wait(5)
            with open(verbose.emulator_log) as handle:
                output = handle.read()
            self.assertIn("login [GET query, auth-id] -> Success", output)
            self.assertNotIn(PASSWORD, output)
            self.assertNotIn(PASSWORD, state)
        finally:
            verbose.stop()


if __name__ == "__main__":
    unittest.main()
