"""Around the calls: latency, primary and secondary rate limits, injected faults, the call log
and the state, neither of which ever holds a token."""

import http.client
import json
import time
import unittest

from emulator_harness import LOOPBACK, GithubTestCase

TOKEN = "ghp_trafficTokenValue42"


class TrafficCase(GithubTestCase):
    def seed(self, settings=None):
        self.rig.reseed({"tokens": [{"token": TOKEN, "login": "dave", "id": 77}],
                         "repos": [{"full_name": "acme/api",
                                    "alerts": {"code_scanning": 3, "dependabot": 3}}]},
                        settings)

    def get(self, target, token=TOKEN):
        return self.rig.request("GET", target, token)


class RateLimits(TrafficCase):
    def setUp(self):
        self.seed({"rate_limit": 3})

    def test_primary_limit_counts_down_and_then_refuses(self):
        remaining = [self.get("/repos/acme/api/dependabot/alerts").headers["x-ratelimit-remaining"]
                     for _ in range(3)]
        self.assertEqual(remaining, ["2", "1", "0"])
        refused = self.get("/repos/acme/api/code-scanning/alerts")
        self.assertEqual(refused.status, 403)
        self.assertEqual(refused.json()["message"], "API rate limit exceeded for user ID 77.")
        headers = refused.headers
        self.assertEqual((headers["x-ratelimit-limit"], headers["x-ratelimit-remaining"],
                          headers["x-ratelimit-used"], headers["x-ratelimit-resource"]),
                         ("3", "0", "3", "core"))
        self.assertGreater(int(headers["x-ratelimit-reset"]), time.time())

    def test_rate_limit_endpoint_is_not_counted(self):
        self.get("/repos/acme/api/dependabot/alerts")
        for _ in range(5):
            core = self.get("/rate_limit").json()["resources"]["core"]
        self.assertEqual((core["limit"], core["used"], core["remaining"]), (3, 1, 2))

    def test_status_429_when_configured(self):
        self.rig.control("POST", "settings", {"rate_limit": 1, "rate_limit_status": 429})
        self.get("/repos/acme/api/dependabot/alerts")
        self.assertEqual(self.get("/repos/acme/api/dependabot/alerts").status, 429)

    def test_anonymous_requests_have_their_own_small_limit(self):
        response = self.get("/repos/acme/api/dependabot/alerts", token=None)
        self.assertEqual(response.status, 401)
        self.assertEqual(response.headers["x-ratelimit-limit"], "60")

    def test_injected_primary_and_secondary_limits(self):
        self.rig.control("POST", "faults", {"faults": [
            {"kind": "rate-limit-primary", "retry_after": 120},
            {"kind": "rate-limit-secondary", "status": 429, "retry_after": 7}]})
        primary = self.get("/repos/acme/api/dependabot/alerts")
        self.assertEqual((primary.status, primary.headers["x-ratelimit-remaining"]), (403, "0"))
        self.assertAlmostEqual(int(primary.headers["x-ratelimit-reset"]), time.time() + 120,
                               delta=5)
        secondary = self.get("/repos/acme/api/dependabot/alerts")
        self.assertEqual((secondary.status, secondary.headers["retry-after"]), (429, "7"))
        self.assertTrue(secondary.json()["message"].startswith(
            "You have exceeded a secondary rate limit."))
        self.assertIn("secondary-rate-limits", secondary.json()["documentation_url"])
        self.assertEqual(self.get("/repos/acme/api/dependabot/alerts").status, 200)


class Faults(TrafficCase):
    def setUp(self):
        self.seed()

    def test_path_pattern_count_and_skip(self):
        self.rig.control("POST", "faults", {"kind": "http-error", "status": 502, "count": 2,
                                            "skip": 1, "path": "/repos/*/code-scanning/alerts"})
        statuses = [self.get("/repos/acme/api/dependabot/alerts").status]
        statuses += [self.get("/repos/acme/api/code-scanning/alerts").status for _ in range(4)]
        self.assertEqual(statuses, [200, 200, 502, 502, 200])
        self.assertEqual(self.rig.control("GET", "faults"), {"faults": []})

    def test_prefix_is_ignored_when_matching(self):
        self.rig.control("POST", "faults", {"kind": "http-error", "path": "/repos/acme/api/*"})
        response = self.get("/api/v3/repos/acme/api/dependabot/alerts")
        self.assertEqual((response.status, response.json()["message"]),
                         (500, "Internal Server Error"))

    def test_reset_closes_without_an_answer(self):
        self.rig.control("POST", "faults", {"kind": "reset"})
        connection = http.client.HTTPConnection(LOOPBACK, self.rig.port, timeout=5)
        connection.request("GET", "/repos/acme/api/dependabot/alerts",
                           headers={"Authorization": f"token {TOKEN}"})
        with self.assertRaises((ConnectionError, http.client.RemoteDisconnected)):
            connection.getresponse().read()
        connection.close()
        self.assertIsNone(self.rig.control("GET", "calls")["calls"][-1]["status"])

    def test_slow_fault_and_latency_setting(self):
        self.rig.control("POST", "faults", {"kind": "slow", "delay_ms": 300})
        started = time.monotonic()
        self.assertEqual(self.get("/repos/acme/api/dependabot/alerts").status, 200)
        self.assertGreaterEqual(time.monotonic() - started, 0.3)
        self.rig.control("POST", "settings", {"latency_ms": 40})
        started = time.monotonic()
        for _ in range(3):
            self.get("/repos/acme/api/dependabot/alerts")
        self.assertGreaterEqual(time.monotonic() - started, 0.12)
        self.rig.control("POST", "settings", {"latency_ms": 1000})
        started = time.monotonic()
        self.rig.control("GET", "state")  # the control API is never delayed
        self.assertLess(time.monotonic() - started, 1.0)

    def test_bad_fault_specs_are_refused(self):
        for spec in ({"kind": "explode"}, {"kind": "http-error", "count": 0},
                     {"kind": "rate-limit-secondary", "status": 500}):
            with self.subTest(spec=spec):
                self.assertIn("error", self.rig.control("POST", "faults", spec, expect=400))


class CallLogAndState(TrafficCase):
    def setUp(self):
        self.seed()

    def test_calls_hold_path_query_status_and_login_but_no_token(self):
        self.rig.control("DELETE", "calls")
        self.get("/api/v3/repos/acme/api/dependabot/alerts?state=open&per_page=2")
        self.get("/repos/acme/nowhere/code-scanning/alerts")
        self.get("/repos/acme/api/code-scanning/alerts?access_token=leak", token="wrong-token")
        log = self.rig.control("GET", "calls")
        first, second, third = log["calls"]
        self.assertEqual({k: first[k] for k in ("method", "path", "prefix", "query", "status",
                                                "endpoint", "login", "auth")},
                         {"method": "GET", "path": "/repos/acme/api/dependabot/alerts",
                          "prefix": "/api/v3", "query": {"state": "open", "per_page": "2"},
                          "status": 200, "endpoint": "repo_alerts", "login": "dave",
                          "auth": "token"})
        self.assertEqual((second["status"], second["message"]), (404, "Not Found"))
        self.assertEqual((third["auth"], third["status"], third["query"]["access_token"]),
                         ("invalid", 401, "[redacted]"))
        self.assertEqual(log["counts"], {"repo_alerts": 3})
        dumped = json.dumps(log) + json.dumps(self.rig.control("GET", "state"))
        for secret in (TOKEN, "wrong-token", "leak"):
            self.assertNotIn(secret, dumped)

    def test_calls_since_and_filters(self):
        self.rig.control("DELETE", "calls")
        self.get("/repos/acme/api/dependabot/alerts")
        mark = self.rig.control("GET", "calls")["next_seq"] - 1
        self.get("/user")
        later = self.rig.control("GET", f"calls?since={mark}")["calls"]
        self.assertEqual([c["endpoint"] for c in later], ["user"])
        self.assertEqual(len(self.rig.control("GET", "calls?path=/repos/*")["calls"]), 1)

    def test_state_summarises_without_tokens(self):
        state = self.rig.control("GET", "state")
        self.assertEqual(state["tokens"], [{"login": "dave", "id": 77, "kind": "classic",
                                            "repos": None, "org_admin": None,
                                            "scopes": ["repo", "read:org", "gist"]}])
        repo = state["repos"][0]
        self.assertEqual(repo["alerts"]["dependabot"]["total"], 3)
        self.assertEqual(repo["features"]["secret_scanning"], "enabled")
        self.assertNotIn(TOKEN, json.dumps(state))

    def test_reset_clears_everything(self):
        self.rig.control("POST", "faults", {"kind": "reset"})
        self.rig.control("POST", "settings", {"latency_ms": 5})
        self.rig.control("POST", "reset")
        state = self.rig.control("GET", "state")
        self.assertEqual((state["repos"], state["tokens"], state["faults"]), ([], [], []))
        self.assertEqual(state["settings"]["latency_ms"], 0)
        self.assertEqual(self.rig.control("GET", "calls")["calls"], [])

    def test_bad_control_requests(self):
        self.assertIn("known", self.rig.control("GET", "nothing", expect=404))
        self.assertIn("error", self.rig.control("POST", "settings", {"color": 1}, expect=400))
        self.assertIn("error", self.rig.control("POST", "settings", {"link_style": "x"},
                                                expect=400))
        self.assertIn("error", self.rig.control("POST", "seed", {"repos": [{"full_name": "x"}]},
                                                expect=400))
        self.assertIn("error", self.rig.control("POST", "seed", {"repos": [
            {"full_name": "a/b", "features": {"dependabot": "half"}}]}, expect=400))


if __name__ == "__main__":
    unittest.main()
