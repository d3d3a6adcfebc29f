"""Errors with GitHub's wording and statuses: authentication, visibility, permissions, features
turned off; plus the shapes of alerts and the side endpoints."""

import unittest

from emulator_harness import GithubTestCase

CLASSIC, FINE, APP, NARROW = "ghp_classic", "github_pat_fine", "ghs_app", "ghp_narrow"
REPO_DOCS = {
    "code-scanning": "https://docs.github.com/rest/code-scanning/code-scanning"
                     "#list-code-scanning-alerts-for-a-repository",
    "dependabot": "https://docs.github.com/rest/dependabot/alerts"
                  "#list-dependabot-alerts-for-a-repository",
    "secret-scanning": "https://docs.github.com/rest/secret-scanning/secret-scanning"
                       "#list-secret-scanning-alerts-for-a-repository",
}


def features(**values):
    return {kind.replace("_", "-"): value for kind, value in values.items()}


class SeededCase(GithubTestCase):
    def seed(self):
        self.rig.reseed({
            "tokens": [{"token": CLASSIC, "login": "alice"},
                       {"token": FINE, "login": "bob", "kind": "fine-grained",
                        "repos": ["acme/api", "acme/off"], "org_admin": []},
                       {"token": APP, "login": "app[bot]", "kind": "integration"},
                       {"token": NARROW, "login": "carol", "scopes": ["read:org"]}],
            "orgs": ["acme"],
            "repos": [{"full_name": "acme/api", "alerts": {"code_scanning": 2, "dependabot": 2,
                                                           "secret_scanning": 2}},
                      {"full_name": "acme/off", "alerts": {"dependabot": 3},
                       "features": {"code_scanning": "not-set-up", "dependabot": "disabled",
                                    "secret_scanning": "disabled"}},
                      {"full_name": "acme/hidden", "alerts": {"dependabot": 1}}]})

    def error(self, target, token=CLASSIC, **options):
        response = self.rig.request("GET", target, token, **options)
        return response.status, response.json(), response.headers


class Authentication(SeededCase):
    def setUp(self):
        self.seed()

    def test_missing_and_bad_credentials(self):
        status, body, _ = self.error("/repos/acme/api/dependabot/alerts", token=None)
        self.assertEqual((status, body["message"]), (401, "Requires authentication"))
        status, body, _ = self.error("/repos/acme/api/dependabot/alerts", token="ghp_nope")
        self.assertEqual((status, body), (401, {
            "message": "Bad credentials", "status": "401",
            "documentation_url": "https://docs.github.com/rest"}))

    def test_token_and_bearer_schemes_are_both_accepted(self):
        for scheme in ("token", "Bearer", "bearer"):
            response = self.rig.request("GET", "/repos/acme/api/dependabot/alerts", CLASSIC,
                                        scheme=scheme)
            self.assertEqual(response.status, 200, scheme)
        self.assertEqual(self.rig.request("GET", "/repos/acme/api/dependabot/alerts", CLASSIC,
                                          scheme="Basic").status, 401)

    def test_enterprise_prefix_serves_the_same_api(self):
        response = self.rig.request("GET", "/api/v3/repos/acme/api/code-scanning/alerts", CLASSIC)
        self.assertEqual(response.status, 200)
        self.assertTrue(response.json()[0]["url"].startswith(
            f"http://127.0.0.1:{self.rig.port}/api/v3/repos/acme/api/code-scanning/alerts/"))
        self.assertEqual(response.json()[0]["html_url"],
                         f"http://127.0.0.1:{self.rig.port}/acme/api/security/code-scanning/2")


class Visibility(SeededCase):
    def setUp(self):
        self.seed()

    def test_unknown_or_invisible_repos_are_not_found(self):
        for target, token in (("/repos/acme/nope/dependabot/alerts", CLASSIC),
                              ("/repos/acme/hidden/dependabot/alerts", FINE),
                              ("/orgs/nobody/dependabot/alerts", CLASSIC),
                              ("/repos/acme/api/pulls", CLASSIC)):
            with self.subTest(target=target):
                status, body, _ = self.error(target, token)
                self.assertEqual((status, body["message"]), (404, "Not Found"))

    def test_missing_permission_names_the_token_kind(self):
        self.rig.control("POST", "seed", {"repos": [{"full_name": "acme/api", "features": {
            "code_scanning": "no-access", "dependabot": "no-access",
            "secret_scanning": "no-access"}}]})
        for token, who in ((FINE, "personal access token"), (APP, "integration")):
            for kind in REPO_DOCS:
                with self.subTest(token=token, kind=kind):
                    status, body, _ = self.error(f"/repos/acme/api/{kind}/alerts", token)
                    self.assertEqual((status, body["message"]),
                                     (403, f"Resource not accessible by {who}"))

    def test_classic_token_without_scope_gets_gh_s_scope_hint_headers(self):
        status, body, headers = self.error("/repos/acme/api/code-scanning/alerts", NARROW)
        self.assertEqual((status, body["message"]),
                         (403, "Resource not accessible by personal access token"))
        self.assertEqual(headers["x-oauth-scopes"], "read:org")
        self.assertEqual(headers["x-accepted-oauth-scopes"], "repo, security_events")

    def test_org_endpoints_need_an_org_admin(self):
        status, body, _ = self.error("/orgs/acme/code-scanning/alerts", FINE)
        self.assertEqual((status, body["message"]),
                         (403, "Resource not accessible by personal access token"))


class FeaturesOff(SeededCase):
    def setUp(self):
        self.seed()

    def test_each_kind_answers_with_its_own_status_and_text(self):
        cases = (("code-scanning", 404, "Code scanning is not enabled for this repository."),
                 ("dependabot", 403, "Dependabot alerts are disabled for this repository."),
                 ("secret-scanning", 404, "Secret scanning is disabled on this repository."))
        for kind, status, message in cases:
            with self.subTest(kind=kind):
                self.assertEqual(self.error(f"/repos/acme/off/{kind}/alerts")[:2],
                                 (status, {"message": message, "documentation_url": REPO_DOCS[kind],
                                           "status": str(status)}))

    def test_code_scanning_variants(self):
        cases = (("disabled", 403,
                  "Advanced Security must be enabled for this repository to use code scanning."),
                 ("advanced-security-off", 403,
                  "Advanced Security must be enabled for this repository to use code scanning."),
                 ("code-security-off", 403,
                  "GitHub Code Security or GitHub Advanced Security is not enabled"),
                 ("no-analysis", 404, "no analysis found"))
        for state, status, message in cases:
            with self.subTest(state=state):
                self.rig.control("POST", "seed", {"repos": [{
                    "full_name": "acme/off", "features": {"code_scanning": state}}]})
                got_status, body, _ = self.error("/repos/acme/off/code-scanning/alerts")
                self.assertEqual((got_status, body["message"]), (status, message))

    def test_vulnerability_alerts_probe(self):
        probe = "/repos/acme/{}/vulnerability-alerts"
        self.assertEqual(self.rig.request("GET", probe.format("api"), CLASSIC).status, 204)
        self.assertEqual(self.rig.request("GET", probe.format("off"), CLASSIC).status, 404)

    def test_org_listing_skips_repos_with_the_feature_off(self):
        items, _ = self.rig.collect("/orgs/acme/dependabot/alerts", CLASSIC)
        self.assertEqual(sorted((a["repository"]["full_name"], a["number"]) for a in items),
                         [("acme/api", 1), ("acme/api", 2), ("acme/hidden", 1)])
        items, _ = self.rig.collect("/orgs/acme/dependabot/alerts", APP)
        self.assertEqual(len(items), 3)


class Shapes(SeededCase):
    def setUp(self):
        self.seed()

    def first(self, kind, query=""):
        return self.rig.request("GET", f"/repos/acme/api/{kind}/alerts{query}", CLASSIC).json()[0]

    def test_code_scanning_fields(self):
        alert = self.first("code-scanning")
        self.assertEqual(set(alert["rule"]) >= {"id", "severity", "security_severity_level",
                                                "description", "name"}, True)
        location = alert["most_recent_instance"]["location"]
        self.assertEqual((location["path"], location["start_line"]), ("src/module2.js", 12))
        self.assertEqual(alert["tool"]["name"], "CodeQL")
        self.assertEqual(alert["created_at"], "2024-01-01T02:00:00Z")
        self.assertNotIn("repository", alert)

    def test_dependabot_fields(self):
        alert = self.first("dependabot")
        self.assertEqual(alert["dependency"]["package"],
                         {"ecosystem": "maven", "name": "org.apache.logging.log4j:log4j-core"})
        advisory = alert["security_advisory"]
        self.assertEqual({k: advisory[k] for k in ("ghsa_id", "cve_id", "severity")},
                         {"ghsa_id": "GHSA-0002-emu0-0002", "cve_id": "CVE-2024-10002",
                          "severity": "medium"})
        self.assertEqual(alert["security_vulnerability"]["first_patched_version"],
                         {"identifier": "2.0.0"})

    def test_secret_scanning_fields_and_hide_secret(self):
        alert = self.first("secret-scanning")
        self.assertEqual(alert["secret"],
                         "https://hooks.slack.com/services/T0/B0/EMULATED000002SECRETLITERAL")
        self.assertEqual(alert["secret_type_display_name"], "Slack Incoming Webhook URL")
        self.assertTrue(alert["locations_url"].endswith("/secret-scanning/alerts/2/locations"))
        self.assertEqual(alert["first_location_detected"]["path"], "config/settings2.yml")
        self.assertNotIn("secret", self.first("secret-scanning", "?hide_secret=true"))
        locations = self.rig.request("GET", alert["locations_url"], CLASSIC).json()
        self.assertEqual(locations[0]["details"]["path"], "config/settings2.yml")

    def test_explicit_alerts_override_the_generated_ones(self):
        self.rig.control("POST", "seed", {"repos": [{"full_name": "acme/api", "alerts": {
            "secret_scanning": [{"secret_type": "npm_access_token", "secret": "npm_X",
                                 "state": "resolved", "resolution": "false_positive"}]}}]})
        alert = self.first("secret-scanning")
        self.assertEqual((alert["number"], alert["secret"], alert["resolution"]),
                         (1, "npm_X", "false_positive"))
        status = self.rig.control("POST", "seed", {"repos": [{"full_name": "acme/api", "alerts": {
            "dependabot": [{"color": "red"}]}}]}, expect=400)
        self.assertIn("unknown dependabot fields", status["error"])


if __name__ == "__main__":
    unittest.main()
