"""The real gh (Debian's 2.23) against the emulator: GH_HOST over TLS with the env file, and an
absolute URL over plain http. What a tool built on `gh api --paginate` depends on."""

import json
import shutil
import unittest

from emulator_harness import GithubTestCase

TOKEN = "ghp_emulatorTokenForGhCli0001"
NARROW = "ghp_emulatorTokenReadOrgOnly02"
BIG = 160  # alerts per kind in acme/big: six pages at gh's per_page=100 would be two
SEED = {
    "tokens": [{"token": TOKEN, "login": "monitor-bot"},
               {"token": NARROW, "login": "narrow", "scopes": ["read:org"]}],
    "orgs": ["acme"],
    "repos": [
        {"full_name": "acme/big",
         "alerts": {"code_scanning": BIG, "dependabot": BIG, "secret_scanning": BIG}},
        {"full_name": "acme/small", "alerts": {"code_scanning": 3, "dependabot": 4,
                                               "secret_scanning": 2}},
        {"full_name": "acme/off", "alerts": {"dependabot": 5, "secret_scanning": 5},
         "features": {"code_scanning": "advanced-security-off", "dependabot": "disabled",
                      "secret_scanning": "disabled"}},
    ]}


class GhCase(GithubTestCase):
    """An emulator over TLS for GH_HOST, seeded once for the class."""

    rig_options = {"tls": True}

    @classmethod
    def setUpClass(cls):
        if shutil.which("gh") is None:
            raise unittest.SkipTest("gh is not installed (apt-get install -y gh)")
        super().setUpClass()
        cls.rig.reseed(SEED)

    def gh_api(self, *arguments, **options):
        return self.rig.gh("api", *arguments, token=TOKEN, **options)


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class Paginate(GhCase):
    def paginate(self, endpoint, *extra):
        result = self.gh_api("--paginate", "--jq", ".[]", *extra, endpoint)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json_lines(result.stdout)

    def assert_each_once(self, alerts, count):
        numbers = [a["number"] for a in alerts]
        self.assertEqual(len(numbers), count)
        self.assertEqual(sorted(numbers), list(range(1, count + 1)))

    def test_offset_paging_returns_every_code_scanning_alert_once(self):
        self.rig.control("DELETE", "calls")
        alerts = self.paginate("repos/acme/big/code-scanning/alerts")
        self.assert_each_once(alerts, BIG)
        calls = self.rig.control("GET", "calls?endpoint=repo_alerts")["calls"]
        self.assertEqual([c["query"].get("page") for c in calls], [None, "2"])
        self.assertTrue(all(c["prefix"] == "/api/v3" and c["tls"] for c in calls))
        self.assertEqual(alerts[0]["most_recent_instance"]["location"]["path"],
                         f"src/module{BIG % 11}.js")

    def test_small_pages_still_return_every_alert_once(self):
        alerts = self.paginate("repos/acme/big/code-scanning/alerts?per_page=7")
        self.assert_each_once(alerts, BIG)

    def test_cursor_paging_returns_every_dependabot_alert_once(self):
        self.rig.control("DELETE", "calls")
        alerts = self.paginate("repos/acme/big/dependabot/alerts?per_page=30")
        self.assert_each_once(alerts, BIG)
        queries = [c["query"] for c in
                   self.rig.control("GET", "calls?endpoint=repo_alerts")["calls"]]
        self.assertEqual(len(queries), 6)
        self.assertNotIn("after", queries[0])
        self.assertTrue(all("after" in q and "page" not in q for q in queries[1:]))
        newest = alerts[0]
        self.assertEqual(newest["number"], BIG)
        self.assertEqual(newest["security_vulnerability"]["package"],
                         newest["dependency"]["package"])

    def test_secret_scanning_paging_and_hide_secret(self):
        shown = self.paginate("repos/acme/big/secret-scanning/alerts")
        self.assert_each_once(shown, BIG)
        self.assertTrue(all(a["secret"].endswith("SECRETLITERAL") for a in shown))
        hidden = self.paginate("repos/acme/big/secret-scanning/alerts?hide_secret=true")
        self.assert_each_once(hidden, BIG)
        self.assertFalse(any("secret" in a for a in hidden))
        self.assertNotIn("SECRETLITERAL", json.dumps(hidden))

    def test_state_filter_is_applied_on_the_server(self):
        summary = next(r for r in self.rig.control("GET", "state")["repos"]
                       if r["full_name"] == "acme/big")
        expected = summary["alerts"]["dependabot"]["by_state"]["open"]
        alerts = self.paginate("repos/acme/big/dependabot/alerts?state=open&per_page=25")
        self.assertEqual(len(alerts), expected)
        self.assertEqual({a["state"] for a in alerts}, {"open"})

    def test_org_endpoints_carry_the_repository_and_skip_disabled_repos(self):
        for kind, small in (("code-scanning", 3), ("dependabot", 4), ("secret-scanning", 2)):
            with self.subTest(kind=kind):
                alerts = self.paginate(f"orgs/acme/{kind}/alerts")
                pairs = [(a["repository"]["full_name"], a["number"]) for a in alerts]
                self.assertEqual(len(pairs), len(set(pairs)))
                self.assertEqual(sorted(pairs), sorted(
                    [("acme/big", n) for n in range(1, BIG + 1)]
                    + [("acme/small", n) for n in range(1, small + 1)]))


class Errors(GhCase):
    def test_dependabot_page_parameter_gives_the_400_wording(self):
        result = self.gh_api("repos/acme/big/dependabot/alerts?page=1&per_page=30")
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: Pagination using the `page` parameter is not supported. (HTTP 400)",
                      result.stderr)
        self.assertEqual(json.loads(result.stdout)["status"], "400")

    def test_disabled_features_give_their_status_and_message(self):
        cases = (("code-scanning", "Advanced Security must be enabled for this repository to use "
                  "code scanning. (HTTP 403)"),
                 ("dependabot", "Dependabot alerts are disabled for this repository. (HTTP 403)"),
                 ("secret-scanning", "Secret scanning is disabled on this repository. (HTTP 404)"))
        for kind, message in cases:
            with self.subTest(kind=kind):
                result = self.gh_api("--paginate", "--jq", ".[]", f"repos/acme/off/{kind}/alerts")
                self.assertEqual(result.returncode, 1)
                self.assertIn(f"gh: {message}", result.stderr)

    def test_unknown_repo_is_not_found(self):
        result = self.gh_api("repos/acme/nowhere/dependabot/alerts")
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: Not Found (HTTP 404)", result.stderr)

    def test_bad_credentials(self):
        result = self.rig.gh("api", "repos/acme/big/code-scanning/alerts", token="ghp_wrong")
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: Bad credentials (HTTP 401)", result.stderr)

    def test_missing_scope_gives_gh_s_refresh_hint(self):
        result = self.rig.gh("api", "repos/acme/small/code-scanning/alerts", token=NARROW)
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: Resource not accessible by personal access token (HTTP 403)",
                      result.stderr)
        self.assertIn('This API operation needs the "repo" scope.', result.stderr)

    def test_gh_token_alone_is_not_sent_to_an_enterprise_host(self):
        result = self.rig.gh("api", "repos/acme/small/code-scanning/alerts",
                             extra_env={"GH_TOKEN": TOKEN})
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: Requires authentication (HTTP 401)", result.stderr)

    def test_secondary_rate_limit_is_visible_to_gh(self):
        self.rig.control("POST", "faults", {"kind": "rate-limit-secondary", "status": 429,
                                            "retry_after": 30,
                                            "path": "/repos/*/dependabot/alerts"})
        result = self.gh_api("--include", "repos/acme/small/dependabot/alerts")
        self.assertEqual(result.returncode, 1)
        self.assertIn("gh: You have exceeded a secondary rate limit.", result.stderr)
        self.assertIn("(HTTP 429)", result.stderr)
        self.assertRegex(result.stdout, r"(?im)^retry-after: 30\r?$")

    def test_failure_mid_pagination_aborts_the_call(self):
        self.rig.control("POST", "faults", {"kind": "rate-limit-secondary", "skip": 1,
                                            "path": "/repos/acme/big/code-scanning/alerts"})
        result = self.gh_api("--paginate", "--jq", ".[].number",
                             "repos/acme/big/code-scanning/alerts")
        self.assertEqual(result.returncode, 1)
        self.assertIn("(HTTP 403)", result.stderr)
        # The first page came through; then gh copied the error body to stdout.
        lines = result.stdout.splitlines()
        self.assertEqual(sorted(int(n) for n in lines[:100]), list(range(BIG - 99, BIG + 1)))
        self.assertIn("secondary rate limit", json.loads("".join(lines[100:]))["message"])


class Routes(GhCase):
    def test_absolute_url_over_plain_http(self):
        url = f"{self.rig.environment['GITHUB_EMULATOR_URL']}/repos/acme/big/dependabot/alerts"
        result = self.gh_api("--paginate", "--jq", ".[].number", url,
                             extra_env={"GH_HOST": ""})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(int(n) for n in result.stdout.split()), list(range(1, BIG + 1)))

    def test_gh_follows_repository_id_links(self):
        self.rig.control("POST", "settings", {"link_style": "repository-id"})
        self.addCleanup(self.rig.control, "POST", "settings", {"link_style": "path"})
        self.rig.control("DELETE", "calls")
        result = self.gh_api("--paginate", "--jq", ".[].number",
                             "repos/acme/big/secret-scanning/alerts?hide_secret=true")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(int(n) for n in result.stdout.split()), list(range(1, BIG + 1)))
        paths = [c["path"] for c in
                 self.rig.control("GET", "calls?endpoint=repo_alerts")["calls"]]
        self.assertEqual(paths[0], "/repos/acme/big/secret-scanning/alerts")
        self.assertRegex(paths[1], r"^/repositories/\d+/secret-scanning/alerts$")

    def test_auth_status_and_user(self):
        status = self.rig.gh("auth", "status", token=TOKEN)
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn("Logged in to", status.stderr)
        self.assertIn("monitor-bot", status.stderr)
        user = self.gh_api("user", "--jq", ".login")
        self.assertEqual(user.stdout.strip(), "monitor-bot")

    def test_the_token_never_reaches_the_call_log(self):
        self.gh_api("repos/acme/small/code-scanning/alerts")
        dumped = (json.dumps(self.rig.control("GET", "calls"))
                  + json.dumps(self.rig.control("GET", "state")))
        self.assertNotIn(TOKEN, dumped)
        self.assertIn("monitor-bot", dumped)


if __name__ == "__main__":
    unittest.main()
