"""Around every call: the Cloud token bucket, injected faults, the call log, the state dump."""

import http.client
import json
import time
import unittest

from emulator_harness import LOOPBACK, ROBOT_PASSWORD, TOKEN, HetznerTestCase

class RateLimit(HetznerTestCase):
    def test_bucket_empties_then_429_then_refills(self):
        self.rig.fresh({"servers": [{"name": "a"}]},
                       rate_limit={"limit": 3, "refill_per_second": 1})
        answers = [self.rig.cloud("GET", "/servers") for _ in range(4)]
        self.assertEqual([a.status for a in answers], [200, 200, 200, 429])
        self.assertEqual([a.header("RateLimit-Remaining") for a in answers], ["2", "1", "0", "0"])
        self.assertEqual(answers[3].json()["error"]["code"], "rate_limit_exceeded")
        self.assertEqual(answers[3].json()["error"]["message"],
                         "limit of 3 requests per hour reached")
        self.assertGreaterEqual(int(answers[3].header("RateLimit-Reset")), int(time.time()))
        time.sleep(1.05)  # refills one token per second
        self.assertEqual(self.rig.cloud("GET", "/servers").status, 200)

    def test_errors_also_take_a_token_and_defaults_match_the_reference(self):
        self.rig.fresh()
        self.assertEqual(self.rig.control("GET", "settings")["rate_limit"],
                         {"limit": 3600, "refill_per_second": 1.0})
        first = self.rig.cloud("GET", "/servers/999")
        second = self.rig.cloud("GET", "/servers")
        self.assertEqual(first.status, 404)
        self.assertEqual(int(first.header("RateLimit-Remaining")) - 1,
                         int(second.header("RateLimit-Remaining")))


class Faults(HetznerTestCase):
    def setUp(self):
        self.rig.fresh({"servers": [{"name": "a"}], "robot_servers": [{"server_number": 1}]})

    def fault(self, **spec):
        self.rig.control("POST", "faults", spec)

    def test_http_error_json_html_and_empty(self):
        self.fault(kind="http-error", status=503, path="/v1/servers")
        response = self.rig.cloud("GET", "/servers")
        self.assertEqual((response.status, response.json()["error"]["code"]),
                         (503, "unavailable"))
        self.fault(kind="http-error", status=502, body="html")
        response = self.rig.cloud("GET", "/servers")
        self.assertEqual((response.status, response.header("Content-Type")), (502, "text/html"))
        self.assertIn(b"502 Bad Gateway", response.body)
        self.fault(kind="http-error", status=409, code="conflict")
        self.assertEqual(self.rig.cloud("GET", "/servers").json()["error"]["code"], "conflict")
        self.fault(kind="http-error", status=503, body="empty", path="/robot/*")
        response = self.rig.robot("GET", "/server")
        self.assertEqual((response.status, response.body), (503, b""))
        self.assertEqual(self.rig.cloud("GET", "/servers").status, 200)  # all consumed

    def test_count_skip_method_and_path_patterns(self):
        self.fault(kind="http-error", status=504, path="/v1/servers*", method="GET", count=2,
                   skip=1)
        statuses = [self.rig.cloud("GET", "/servers").status for _ in range(4)]
        self.assertEqual(statuses, [200, 504, 504, 200])
        self.fault(kind="locked", path="/v1/load_balancers", method="POST")
        self.assertEqual(self.rig.cloud("GET", "/load_balancers").status, 200)
        response = self.rig.cloud("POST", "/load_balancers", {})
        self.assertEqual((response.status, response.json()["error"]["code"]), (423, "locked"))

    def test_rate_limit_fault_cloud_and_robot(self):
        self.fault(kind="rate-limit")
        response = self.rig.cloud("GET", "/servers")
        self.assertEqual((response.status, response.header("RateLimit-Remaining")), (429, "0"))
        self.assertEqual(response.json()["error"]["code"], "rate_limit_exceeded")
        self.fault(kind="rate-limit", path="/robot/*")
        response = self.rig.robot("GET", "/server")
        self.assertEqual((response.status, response.json()["error"]["code"]),
                         (403, "RATE_LIMIT_EXCEEDED"))

    def test_reset_slow_and_invalid_json(self):
        self.fault(kind="reset")
        connection = http.client.HTTPConnection(LOOPBACK, self.rig.port, timeout=5)
        with self.assertRaises((ConnectionError, http.client.RemoteDisconnected)):
            connection.request("GET", "/v1/servers", headers={"Authorization": f"Bearer {TOKEN}"})
            connection.getresponse().read()
        connection.close()
        self.fault(kind="slow", delay=0.3)
        started = time.monotonic()
        self.assertEqual(self.rig.cloud("GET", "/servers").status, 200)
        self.assertGreaterEqual(time.monotonic() - started, 0.3)
        self.fault(kind="invalid-json")
        response = self.rig.cloud("GET", "/servers")
        self.assertEqual(response.status, 200)
        with self.assertRaises(ValueError):
            json.loads(response.body)

    def test_after_apply_performs_the_change_then_fails(self):
        self.fault(kind="http-error", status=504, path="/v1/load_balancers", method="POST",
                   after_apply=True)
        body = {"name": "edge", "load_balancer_type": "lb11", "location": "fsn1"}
        self.assertEqual(self.rig.cloud("POST", "/load_balancers", body).status, 504)
        retry = self.rig.cloud("POST", "/load_balancers", body)
        self.assertEqual(retry.json()["error"]["code"], "uniqueness_error")


class CallLogAndState(HetznerTestCase):
    def test_calls_are_logged_without_credentials(self):
        self.rig.fresh({"robot_servers": [{"server_number": 1}]})
        self.rig.control("DELETE", "calls")
        self.rig.cloud("GET", "/servers?per_page=5")
        self.rig.cloud("GET", "/servers", token="z" * 64)
        self.rig.cloud("POST", "/certificates", {"name": "c", "certificate": "x",
                                                 "private_key": "SECRET-KEY"})
        self.rig.robot("GET", "/server")
        log = self.rig.control("GET", "calls")
        calls = log["calls"]
        self.assertEqual([(c["method"], c["path"], c["status"]) for c in calls], [
            ("GET", "/v1/servers", 200), ("GET", "/v1/servers", 401),
            ("POST", "/v1/certificates", 400), ("GET", "/robot/server", 200)])
        self.assertEqual(calls[0]["query"], {"per_page": ["5"]})
        self.assertEqual(calls[1]["error"], "unauthorized")
        self.assertTrue(all(c["duration_ms"] >= 0 for c in calls))
        text = json.dumps(log)
        for secret in (TOKEN, "z" * 64, "SECRET-KEY", ROBOT_PASSWORD):
            self.assertNotIn(secret, text)
        self.assertEqual(len(self.rig.control("GET", f"calls?since={calls[1]['seq']}")["calls"]), 2)
        self.assertEqual(len(self.rig.control("GET", "calls?api=robot")["calls"]), 1)

    def test_an_answered_call_is_already_in_the_log(self):
        self.rig.fresh()
        for _ in range(20):
            self.rig.cloud("GET", "/locations")
            self.assertEqual(self.rig.control("GET", "calls")["calls"][-1]["path"], "/v1/locations")

    def test_state_dump_has_everything_but_secrets(self):
        self.rig.fresh({"servers": [{"name": "a"}], "robot_servers": [{"server_number": 7}],
                        "load_balancers": [{"name": "edge", "load_balancer_type": "lb11",
                                            "location": "nbg1", "services": [{"protocol": "http"}],
                                            "targets": [{"type": "server",
                                                         "server": {"name": "a"}}]}]})
        state = self.rig.control("GET", "state")
        project = state["projects"]["default"]
        self.assertEqual([s["name"] for s in project["servers"]], ["a"])
        self.assertEqual(project["load_balancers"][0]["targets"][0]["health_status"][0]["status"],
                         "healthy")
        self.assertEqual(state["robot"]["servers"][0]["server_number"], 7)
        text = json.dumps(state)
        for secret in (TOKEN, ROBOT_PASSWORD):
            self.assertNotIn(secret, text)

    def test_bad_control_requests_are_400(self):
        self.assertEqual(self.rig.request("POST", "/_emulator/faults",
                                          json.dumps({"kind": "meteor"}).encode()).status, 400)
        self.assertEqual(self.rig.request("POST", "/_emulator/settings",
                                          json.dumps({"color": 1}).encode()).status, 400)
        self.assertEqual(self.rig.request("GET", "/_emulator/nothing").status, 404)


if __name__ == "__main__":
    unittest.main()
