"""Paging exactly as GitHub documents it: offset paging with first/prev/next/last links for code
scanning and secret scanning, cursor paging with prev/next links for Dependabot; filters and
sorting on the server."""

import base64
import unittest
import urllib.parse

from emulator_harness import GithubTestCase

TOKEN = "ghp_paging"


class PagingCase(GithubTestCase):
    def seed(self, alerts, settings=None, **repo):
        return self.rig.reseed({"tokens": [{"token": TOKEN}],
                                "repos": [{"full_name": "acme/api", "alerts": alerts, **repo}]},
                               settings)

    def get(self, target):
        response = self.rig.request("GET", target, TOKEN)
        assert response.status == 200, (response.status, response.body)
        return response


def numbers(response):
    return [a["number"] for a in response.json()]


def query_of(url):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


class OffsetPaging(PagingCase):
    def setUp(self):
        self.seed({"code_scanning": 75, "secret_scanning": 75})

    def test_default_page_size_is_30_and_links_name_every_neighbour(self):
        base = "/repos/acme/api/code-scanning/alerts"
        first = self.get(base)
        self.assertEqual(numbers(first), list(range(75, 45, -1)))
        self.assertEqual(list(first.links()), ["next", "last"])
        self.assertEqual(query_of(first.links()["next"]), {"page": "2"})
        self.assertEqual(query_of(first.links()["last"]), {"page": "3"})
        self.assertTrue(
            first.links()["next"].startswith(f"http://127.0.0.1:{self.rig.port}{base}?"))
        middle = self.get(first.links()["next"])
        self.assertEqual(list(middle.links()), ["prev", "next", "last", "first"])
        last = self.get(middle.links()["next"])
        self.assertEqual(numbers(last), list(range(15, 0, -1)))
        self.assertEqual(list(last.links()), ["prev", "first"])

    def test_following_next_returns_every_alert_once_for_both_kinds(self):
        for kind in ("code-scanning", "secret-scanning"):
            for size in (1, 7, 30, 74, 75, 100):
                with self.subTest(kind=kind, per_page=size):
                    items, pages = self.rig.collect(
                        f"/repos/acme/api/{kind}/alerts?per_page={size}&state=", TOKEN)
                    self.assertEqual(sorted(a["number"] for a in items), list(range(1, 76)))
                    self.assertEqual(pages, -(-75 // size))

    def test_links_keep_the_other_parameters(self):
        first = self.get(
            "/repos/acme/api/code-scanning/alerts?state=open&per_page=10&direction=asc")
        self.assertEqual(query_of(first.links()["next"]),
                         {"state": "open", "per_page": "10", "direction": "asc", "page": "2"})

    def test_page_size_edges(self):
        whole = self.get("/repos/acme/api/code-scanning/alerts?per_page=500")
        self.assertEqual((len(whole.json()), whole.headers.get("link")), (75, None))
        for per_page in ("0", "abc"):
            alerts = self.get(f"/repos/acme/api/code-scanning/alerts?per_page={per_page}")
            self.assertEqual(len(alerts.json()), 30)
        beyond = self.get("/repos/acme/api/code-scanning/alerts?page=9")
        self.assertEqual(beyond.json(), [])
        self.assertEqual(query_of(beyond.links()["prev"])["page"], "3")
        exact = self.get("/repos/acme/api/code-scanning/alerts?per_page=75")
        self.assertEqual((len(exact.json()), exact.headers.get("link")), (75, None))

    def test_clamped_to_100(self):
        self.seed({"code_scanning": 150})
        page = self.get("/repos/acme/api/code-scanning/alerts?per_page=1000")
        self.assertEqual(len(page.json()), 100)
        self.assertEqual(query_of(page.links()["next"]), {"per_page": "1000", "page": "2"})

    def test_empty_list_has_no_link(self):
        self.seed({})
        empty = self.get("/repos/acme/api/code-scanning/alerts")
        self.assertEqual((empty.json(), empty.headers.get("link")), ([], None))

    def test_default_page_size_setting(self):
        self.seed({"code_scanning": 75}, settings={"per_page_default": 50})
        self.assertEqual(len(self.get("/repos/acme/api/code-scanning/alerts").json()), 50)


class RepositoryIdLinks(PagingCase):
    """GitHub's own Link URLs name /repositories/{id}/...; a client must follow them as given."""

    def test_links_name_the_repository_id_and_lead_to_the_same_alerts(self):
        self.seed({"code_scanning": 45, "dependabot": 45}, settings={"link_style": "repository-id"})
        repo_id = self.rig.control("GET", "state")["repos"][0]["id"]
        for kind in ("code-scanning", "dependabot"):
            with self.subTest(kind=kind):
                first = self.get(f"/repos/acme/api/{kind}/alerts?per_page=20")
                self.assertTrue(urllib.parse.urlsplit(first.links()["next"]).path.endswith(
                    f"/repositories/{repo_id}/{kind}/alerts"))
                items, pages = self.rig.collect(f"/repos/acme/api/{kind}/alerts?per_page=20", TOKEN)
                self.assertEqual((sorted(a["number"] for a in items), pages),
                                 (list(range(1, 46)), 3))
        self.assertEqual(self.rig.request("GET", "/repositories/999999/dependabot/alerts",
                                          TOKEN).status, 404)


class CursorPaging(PagingCase):
    def setUp(self):
        self.seed({"dependabot": 75})

    def test_next_and_prev_walk_the_same_pages(self):
        forward, target = [], "/repos/acme/api/dependabot/alerts?per_page=20"
        while target:
            page = self.get(target)
            forward.append(numbers(page))
            self.assertNotIn("last", page.links())
            self.assertNotIn("first", page.links())
            target = page.links().get("next")
        self.assertEqual(sum(forward, []), list(range(75, 0, -1)))
        self.assertEqual([len(p) for p in forward], [20, 20, 20, 15])
        backward, target = [], page.links()["prev"]
        while target:
            page = self.get(target)
            backward.append(numbers(page))
            target = page.links().get("prev")
        self.assertEqual(backward, forward[-2::-1])

    def test_cursors_are_opaque_base64_and_links_drop_page_numbers(self):
        page = self.get("/repos/acme/api/dependabot/alerts?state=open&per_page=5")
        query = query_of(page.links()["next"])
        self.assertEqual(set(query), {"state", "per_page", "after"})
        self.assertTrue(base64.b64decode(query["after"]).startswith(b"cursor:v2:"))

    def test_page_parameter_is_refused(self):
        for target in ("/repos/acme/api/dependabot/alerts?page=1",
                       "/repos/acme/api/dependabot/alerts?page=2&per_page=30"):
            response = self.rig.request("GET", target, TOKEN)
            self.assertEqual(response.status, 400)
            self.assertEqual(response.json(), {
                "message": "Pagination using the `page` parameter is not supported.",
                "documentation_url": "https://docs.github.com/rest/dependabot/alerts"
                                     "#list-dependabot-alerts-for-a-repository",
                "status": "400"})

    def test_bad_cursor_requests(self):
        for query in ("after=not-a-cursor", "before=Zm9v", "after=Y3Vyc29yOnYyOjE6MTox&before=x"):
            with self.subTest(query=query):
                response = self.rig.request("GET", f"/repos/acme/api/dependabot/alerts?{query}",
                                            TOKEN)
                self.assertEqual(response.status, 400)
                self.assertIn("documentation_url", response.json())

    def test_first_and_last_size_the_page(self):
        self.assertEqual(numbers(self.get("/repos/acme/api/dependabot/alerts?first=3")),
                         [75, 74, 73])
        self.assertEqual(numbers(self.get("/repos/acme/api/dependabot/alerts?last=3")), [3, 2, 1])
        self.assertEqual(len(self.get("/repos/acme/api/dependabot/alerts?per_page=150").json()), 75)


class Filters(PagingCase):
    def setUp(self):
        self.summary = self.seed({"code_scanning": 60, "dependabot": 70,
                                  "secret_scanning": 30})["repos"][0]["alerts"]

    def listing(self, kind, query):
        items, _ = self.rig.collect(f"/repos/acme/api/{kind}/alerts?per_page=100&{query}", TOKEN)
        return items

    def test_state_filters_match_the_seeded_counts(self):
        for kind, path, states in (
                ("code_scanning", "code-scanning", ("open", "dismissed", "fixed")),
                ("dependabot", "dependabot", ("open", "dismissed", "fixed", "auto_dismissed")),
                ("secret_scanning", "secret-scanning", ("open", "resolved"))):
            for state in states:
                with self.subTest(kind=kind, state=state):
                    items = self.listing(path, f"state={state}")
                    self.assertEqual({a["state"] for a in items}, {state})
                    self.assertEqual(len(items), self.summary[kind]["by_state"][state])
        closed = self.listing("code-scanning", "state=closed")
        self.assertEqual(len(closed), self.summary["code_scanning"]["by_state"]["dismissed"]
                         + self.summary["code_scanning"]["by_state"]["fixed"])
        self.assertEqual(len(self.listing("dependabot", "state=open,fixed")),
                         self.summary["dependabot"]["by_state"]["open"]
                         + self.summary["dependabot"]["by_state"]["fixed"])

    def test_code_scanning_severity_matches_either_scale(self):
        high = self.listing("code-scanning", "severity=high")
        self.assertTrue(high)
        self.assertEqual({a["rule"]["security_severity_level"] for a in high}, {"high"})
        errors = self.listing("code-scanning", "severity=error")
        self.assertEqual({a["rule"]["severity"] for a in errors}, {"error"})
        self.assertIn(None, {a["rule"]["security_severity_level"] for a in errors})

    def test_dependabot_severity_and_ecosystem(self):
        items = self.listing("dependabot", "severity=critical,high&ecosystem=npm")
        self.assertTrue(items)
        self.assertEqual({a["security_advisory"]["severity"] for a in items} - {"critical", "high"},
                         set())
        self.assertEqual({a["dependency"]["package"]["ecosystem"] for a in items}, {"npm"})

    def test_invalid_filter_values_are_refused(self):
        for target in ("code-scanning/alerts?state=bogus", "dependabot/alerts?severity=moderate",
                       "secret-scanning/alerts?state=fixed"):
            with self.subTest(target=target):
                response = self.rig.request("GET", f"/repos/acme/api/{target}", TOKEN)
                self.assertEqual(response.status, 422)

    def test_direction_and_sort(self):
        ascending = self.listing("code-scanning", "direction=asc")
        self.assertEqual([a["number"] for a in ascending], list(range(1, 61)))
        self.assertEqual(self.rig.request("GET", "/repos/acme/api/code-scanning/alerts?sort=size",
                                          TOKEN).status, 422)


if __name__ == "__main__":
    unittest.main()
