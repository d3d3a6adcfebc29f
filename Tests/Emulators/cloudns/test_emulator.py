"""The emulator answers like CloudNS: request styles, identities, texts, JSON types, paging."""

import json
import unittest

from emulator_harness import CloudnsTestCase

PASSWORD = "p@ss+w/rd&=x"  # needs URL-encoding in every style
SUB_PASSWORD = "sub-secret"
USER = {"auth-id": "1000", "auth-password": PASSWORD}
SUB_BY_ID = {"sub-auth-id": "2000", "auth-password": SUB_PASSWORD}
SUB_BY_NAME = {"sub-auth-user": "acme", "auth-password": SUB_PASSWORD}
USER_REFUSED = "Invalid authentication, incorrect auth-id or auth-password."
SUB_REFUSED = "Invalid authentication, incorrect sub-auth-id, sub-auth-user or auth-password."
DOCUMENTED_TTLS = [60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200, 604800,
                   1209600, 2592000]
STYLES = ("GET", "POST-query", "POST-form", "POST-JSON")


class AccountCase(CloudnsTestCase):
    def seed_account(self, extra_zones=()):
        self.rig.control("POST", "reset")
        self.rig.control("POST", "settings", {"rate_limit": {"per_second": 0, "per_minute": 0,
                                                             "per_hour": 0}})
        return self.rig.control("POST", "seed", {
            "identities": [{"auth_id": 1000, "password": PASSWORD},
                           {"sub_auth_id": 2000, "sub_auth_user": "acme", "password": SUB_PASSWORD,
                            "zones": ["example.com"]}],
            "zones": [{"name": "example.com", "records": [
                          {"type": "A", "host": "", "record": "192.0.2.10", "ttl": 3600},
                          {"type": "MX", "host": "", "record": "mx.example.com", "ttl": 3600,
                           "priority": 10},
                          {"type": "TXT", "host": "", "record": "v=spf1 -all", "ttl": 300}]},
                      {"name": "dev.example.com"}, {"name": "other.org"},
                      {"name": "shared.net", "type": "cloud", "cloud_master": "example.com"},
                      *extra_zones]})

    def api(self, method, params, style="GET", **more):
        response = self.rig.call(method, {**USER, **params}, style=style, **more)
        assert response.status == 200, (response.status, response.body)
        assert response.content_type == "application/json", response.content_type
        return response.json()


def failed(text):
    return {"status": "Failed", "statusDescription": text}


class RequestStyles(AccountCase):
    def setUp(self):
        self.seed_account()

    def test_every_style_is_accepted_and_logged(self):
        self.rig.control("DELETE", "calls")
        for style in STYLES:
            with self.subTest(style=style):
                self.assertEqual(self.api("login", {}, style),
                                 {"status": "Success", "statusDescription": "Success login."})
                listing = self.api("records", {"domain-name": "example.com", "type": "A"}, style)
                self.assertEqual([r["record"] for r in listing.values()], ["192.0.2.10"])
        logged = [c["style"] for c in self.rig.control("GET", "calls")["calls"]]
        self.assertEqual(logged, ["GET query"] * 2 + ["POST query"] * 2 + ["POST form"] * 2
                         + ["POST JSON"] * 2)

    def test_json_numbers_are_accepted_for_numeric_parameters(self):
        added = self.api("add-record", {"domain-name": "example.com", "record-type": "TXT",
                                        "host": "n", "record": "v", "ttl": 60}, "POST-JSON")
        record_id = added["data"]["id"]
        self.assertEqual(self.api("mod-record", {"domain-name": "example.com",
                                                 "record-id": record_id, "host": "n",
                                                 "record": "w", "ttl": 300}, "POST-JSON"),
                         {"status": "Success",
                          "statusDescription": "The record was modified successfully."})
        self.assertEqual(self.api("records", {"domain-name": "example.com", "host": "n"})
                         [str(record_id)]["ttl"], "300")

    def test_login_also_answers_at_its_newer_path(self):
        self.assertEqual(self.api("login", {}, path="/login/login.json")["status"], "Success")

    def test_unknown_method_is_an_nginx_404_page(self):
        response = self.rig.call("no-such-method", USER)
        self.assertEqual((response.status, response.content_type), (404, "text/html"))


class Identities(AccountCase):
    def setUp(self):
        self.seed_account()

    def login(self, params, style="GET"):
        return self.rig.call("login", params, style=style).json()["statusDescription"]

    def test_each_identity_logs_in_in_each_style(self):
        for identity in (USER, SUB_BY_ID, SUB_BY_NAME):
            for style in STYLES:
                with self.subTest(identity=list(identity)[0], style=style):
                    self.assertEqual(self.login(identity, style), "Success login.")

    def test_wrong_credentials_get_the_documented_texts(self):
        self.assertEqual(self.login({**USER, "auth-password": "nope"}), USER_REFUSED)
        self.assertEqual(self.login({**USER, "auth-id": "999"}), USER_REFUSED)
        self.assertEqual(self.login({**SUB_BY_ID, "auth-password": "nope"}), SUB_REFUSED)
        self.assertEqual(self.login({**SUB_BY_NAME, "sub-auth-user": "ghost"}), SUB_REFUSED)
        self.assertEqual(self.login({"auth-password": PASSWORD}), USER_REFUSED)
        self.assertEqual(self.login({**USER, "sub-auth-id": "2000"}), USER_REFUSED)

    def test_password_must_arrive_url_decoded(self):
        raw = self.rig.request("GET", f"/dns/login.json?auth-id=1000&auth-password={PASSWORD}")
        self.assertEqual(raw.json(), failed(USER_REFUSED))

    def test_sub_user_sees_only_assigned_zones(self):
        zones = self.rig.call("list-zones", {**SUB_BY_NAME, "page": 1, "rows-per-page": 10}).json()
        self.assertEqual([z["name"] for z in zones], ["example.com"])
        for method in ("get-zone-info", "records", "is-updated", "update-status"):
            with self.subTest(method=method):
                answer = self.rig.call(method, {**SUB_BY_ID, "domain-name": "other.org"}).json()
                self.assertEqual(answer, failed("Missing domain-name"))
        added = self.rig.call("add-record", {**SUB_BY_ID, "domain-name": "other.org",
                                             "record-type": "TXT", "host": "x", "record": "v",
                                             "ttl": 60}).json()
        self.assertEqual(added, failed("Missing domain-name"))
        info = self.rig.call("get-zone-info", {**SUB_BY_ID, "domain-name": "example.com"}).json()
        self.assertEqual(info["name"], "example.com")

    def test_full_user_sees_every_zone(self):
        zones = self.api("list-zones", {"page": 1, "rows-per-page": 10})
        self.assertEqual([z["name"] for z in zones],
                         ["dev.example.com", "example.com", "other.org", "shared.net"])


class Zones(AccountCase):
    def setUp(self):
        self.seed_account(extra_zones=[{"name": f"zone{i:02d}.test"} for i in range(21)])

    def test_zone_info_shapes(self):
        self.assertEqual(self.api("get-zone-info", {"domain-name": "example.com"}),
                         {"name": "example.com", "type": "master", "zone": "domain",
                          "status": "1"})
        self.assertEqual(self.api("get-zone-info", {"domain-name": "shared.net"}),
                         {"name": "shared.net", "type": "cloud", "zone": "domain", "status": "1",
                          "cloud-master": "example.com"})
        self.assertEqual(self.api("get-zone-info", {"domain-name": "missing.test"}),
                         failed("Missing domain-name"))

    def test_list_zones_object_types(self):
        zone = self.api("list-zones", {"page": 1, "rows-per-page": 10, "search": "other"})[0]
        self.assertEqual(set(zone), {"name", "type", "zone", "status", "serial", "isUpdated",
                                     "group", "hasBulk"})
        self.assertEqual((zone["status"], zone["isUpdated"], zone["hasBulk"]), ("1", 1, False))
        self.assertIsInstance(zone["serial"], str)

    def test_paging_through_25_zones(self):
        self.assertEqual(self.api("get-pages-count", {"rows-per-page": 10}), 3)
        names = []
        for page in (1, 2, 3):
            names += [z["name"] for z in
                      self.api("list-zones", {"page": page, "rows-per-page": 10})]
        self.assertEqual(len(names), 25)
        self.assertEqual(len(set(names)), 25)
        self.assertEqual(self.api("list-zones", {"page": 4, "rows-per-page": 10}), [])

    def test_empty_zone_list_shape_can_be_switched(self):
        self.rig.control("POST", "settings", {"empty_zone_list": "{}"})
        raw = self.rig.call("list-zones", {**USER, "page": 9, "rows-per-page": 10}).body
        self.assertEqual(raw, b"{}")

    def test_list_zones_parameter_errors(self):
        self.assertEqual(self.api("list-zones", {"rows-per-page": 10}),
                         failed("Missing required parameter 'page'."))
        self.assertEqual(self.api("list-zones", {"page": "x", "rows-per-page": 10}),
                         failed("Missing required parameter 'page'."))
        for rows in ("15", "", "1000"):
            self.assertEqual(self.api("list-zones", {"page": 1, "rows-per-page": rows}),
                             failed("Wrong or missing required parameter 'rows-per-page'."))


class Records(AccountCase):
    def setUp(self):
        self.seed_account()

    def add(self, host, value, record_type="TXT", ttl=60, zone="example.com", **more):
        return self.api("add-record", {"domain-name": zone, "record-type": record_type,
                                       "host": host, "record": value, "ttl": ttl, **more})

    def test_add_answers_numeric_id_and_listing_uses_string_fields(self):
        added = self.add("_acme-challenge", "token-1")
        self.assertEqual(added["statusDescription"], "The record was added successfully.")
        record_id = added["data"]["id"]
        self.assertIsInstance(record_id, int)
        listing = self.api("records", {"domain-name": "example.com", "host": "_acme-challenge"})
        self.assertEqual(listing, {str(record_id): {
            "id": str(record_id), "type": "TXT", "host": "_acme-challenge", "record": "token-1",
            "failover": "0", "ttl": "60", "status": 1}})

    def test_a_and_mx_carry_their_extra_fields(self):
        listing = self.api("records", {"domain-name": "example.com"})
        by_type = {r["type"]: r for r in listing.values()}
        self.assertEqual(by_type["A"]["dynamicurl_status"], 0)
        self.assertEqual(by_type["MX"]["priority"], "10")
        self.assertEqual(by_type["TXT"]["host"], "")

    def test_hosts_are_lower_cased_and_at_means_apex(self):
        self.add("_ACME-Challenge.WWW", "v1")
        self.add("@", "v2")
        hosts = sorted(r["host"] for r in self.api("records", {"domain-name": "example.com",
                                                               "type": "TXT"}).values())
        self.assertEqual(hosts, ["", "", "_acme-challenge.www"])
        found = self.api("records", {"domain-name": "example.com", "host": "_acme-CHALLENGE.www"})
        self.assertEqual([r["record"] for r in found.values()], ["v1"])

    def test_filters_and_the_empty_array(self):
        self.add("_acme-challenge", "a")
        self.add("_acme-challenge.sub", "b")
        like = self.api("records", {"domain-name": "example.com", "host-like": "acme"})
        self.assertEqual(sorted(r["record"] for r in like.values()), ["a", "b"])
        ignored_type = self.api("records", {"domain-name": "example.com", "host": "_acme-challenge",
                                            "type": "BOGUS"})
        self.assertEqual([r["record"] for r in ignored_type.values()], ["a"])
        nothing = self.rig.call("records", {**USER, "domain-name": "example.com", "host": "none"})
        self.assertEqual(nothing.body, b"[]")
        empty_zone = self.rig.call("records", {**USER, "domain-name": "other.org"})
        self.assertEqual(empty_zone.body, b"[]")

    def test_paging_through_a_1000_record_zone(self):
        records = [{"type": "A", "host": f"h{i}", "record": "192.0.2.1", "ttl": 300}
                   for i in range(1000)]
        self.rig.control("POST", "seed", {"zones": [{"name": "big.test", "records": records}]})
        zone = {"domain-name": "big.test"}
        self.assertEqual(self.api("get-records-pages-count", {**zone, "rows-per-page": 100}), 10)
        self.assertEqual(self.api("get-records-pages-count", {**zone, "rows-per-page": 100,
                                                              "host": "h7"}), 1)
        seen = []
        for page in range(1, 11):
            chunk = self.api("records", {**zone, "rows-per-page": 100, "page": page})
            self.assertEqual(len(chunk), 100)
            seen += list(chunk)
        self.assertEqual(len(set(seen)), 1000)
        self.assertEqual(self.api("records", {**zone, "rows-per-page": 100, "page": 11}), [])
        self.assertEqual(self.api("get-records-pages-count", zone),
                         failed("Wrong or missing required parameter 'rows-per-page'."))

    def test_only_documented_ttls_are_accepted(self):
        self.assertEqual(self.api("get-available-ttl", {"domain-name": "example.com"}),
                         DOCUMENTED_TTLS)
        for ttl in DOCUMENTED_TTLS:
            self.assertEqual(self.add("t", "v", ttl=ttl)["status"], "Success", ttl)
        invalid = failed("Invalid TTL. Choose from the list of the values we support.")
        for ttl in (0, 61, 600, 3601, "abc", ""):
            self.assertEqual(self.add("t", "v", ttl=ttl), invalid, ttl)
        self.rig.control("POST", "settings", {"accept_ttl_600": True})
        self.assertEqual(self.add("t", "v", ttl=600)["status"], "Success")
        self.assertIn(600, self.api("get-available-ttl", {"domain-name": "example.com"}))

    def test_identical_records_are_allowed_unless_switched_off(self):
        first, second = self.add("_acme-challenge", "same"), self.add("_acme-challenge", "same")
        self.assertNotEqual(first["data"]["id"], second["data"]["id"])
        self.rig.control("POST", "settings", {"duplicate_records": "reject"})
        self.assertEqual(self.add("_acme-challenge", "same")["status"], "Failed")
        self.assertEqual(self.add("_acme-challenge", "other")["status"], "Success")

    def test_modify_keeps_the_type_and_unknown_ids_are_refused(self):
        record_id = self.add("n", "v")["data"]["id"]
        changed = self.api("mod-record", {"domain-name": "example.com", "record-id": record_id,
                                          "record-type": "A", "host": "N2", "record": "w",
                                          "ttl": 3600})
        self.assertEqual(changed["status"], "Success")
        record = self.api("records", {"domain-name": "example.com", "host": "n2"})[str(record_id)]
        self.assertEqual((record["type"], record["record"], record["ttl"]), ("TXT", "w", "3600"))
        self.assertEqual(self.api("mod-record", {"domain-name": "example.com", "record-id": 1,
                                                 "host": "n", "record": "w", "ttl": 60}),
                         failed("Invalid record-id param."))

    def test_second_delete_of_the_same_id_is_refused(self):
        record_id = self.add("gone", "v")["data"]["id"]
        params = {"domain-name": "example.com", "record-id": record_id}
        self.assertEqual(self.api("delete-record", params),
                         {"status": "Success",
                          "statusDescription": "The record was deleted successfully."})
        self.assertEqual(self.api("delete-record", params), failed("Invalid record-id param."))
        self.assertEqual(self.api("delete-record",
                                  {"domain-name": "example.com", "record-id": "x"}),
                         failed("Invalid record-id param."))

    def test_record_methods_refuse_a_cloud_zone(self):
        for method, extra in (("records", {}), ("add-record", {"record-type": "TXT", "host": "x",
                                                              "record": "v", "ttl": 60})):
            with self.subTest(method=method):
                answer = self.api(method, {"domain-name": "shared.net", **extra})
                self.assertEqual(answer["status"], "Failed")

    def test_available_record_types(self):
        types = self.api("get-available-record-types", {"zone-type": "domain"})
        self.assertEqual(len(types), 23)
        self.assertEqual(types[:5], ["A", "AAAA", "MX", "CNAME", "TXT"])
        self.assertEqual(self.api("get-available-record-types", {"zone-type": "parked"}),
                         ["NS", "TXT", "SPF", "MX"])

    def test_a_failure_body_is_an_object_with_status_failed(self):
        raw = self.rig.call("records", {**USER, "domain-name": "missing.test"})
        self.assertEqual((raw.status, raw.content_type), (200, "application/json"))
        self.assertEqual(json.loads(raw.body), failed("Missing domain-name"))


if __name__ == "__main__":
    unittest.main()
