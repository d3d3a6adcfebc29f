"""Cloud API conventions: auth, envelopes, pagination, filters, sort, actions, images,
certificates."""

import os
import tempfile
import unittest

from emulator_harness import READ_ONLY_TOKEN, TOKEN, HetznerTestCase, make_certificate

def servers(count, **extra):
    return [{"name": f"srv{i:03d}", **extra} for i in range(count)]


class Authentication(HetznerTestCase):
    def setUp(self):
        self.rig.fresh({"servers": servers(1)})

    def test_missing_or_unknown_token_is_401_unauthorized(self):
        for token in (None, "x" * 64):
            response = self.rig.cloud("GET", "/servers", token=token)
            self.assertEqual(response.status, 401)
            self.assertEqual(response.json(), {"error": {"code": "unauthorized", "message":
                                                         "unable to authenticate",
                                                         "details": None}})
            self.assertEqual(response.header("Content-Type"), "application/json")
            self.assertTrue(response.header("X-Correlation-Id"))

    def test_read_only_token_reads_but_cannot_write(self):
        self.assertEqual(self.rig.cloud("GET", "/servers", token=READ_ONLY_TOKEN).status, 200)
        response = self.rig.cloud("POST", "/load_balancers", {"name": "x"}, token=READ_ONLY_TOKEN)
        self.assertEqual((response.status, response.json()["error"]["code"]),
                         (403, "token_readonly"))

    def test_a_token_sees_only_its_project(self):
        self.rig.control("POST", "seed", {"projects": [{"name": "other", "tokens": ["o" * 64],
                                                        "servers": [{"name": "elsewhere"}]}]})
        names = [s["name"] for s in self.rig.cloud("GET", "/servers", token="o" * 64)
                 .json()["servers"]]
        self.assertEqual(names, ["elsewhere"])
        self.assertEqual([s["name"] for s in self.rig.cloud("GET", "/servers").json()["servers"]],
                         ["srv000"])


class Pagination(HetznerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rig.fresh({"servers": servers(60)})

    def page(self, query):
        response = self.rig.cloud("GET", f"/servers?{query}")
        self.assertEqual(response.status, 200, response.body)
        return response, response.json()

    def test_default_page_is_25_with_next_and_last(self):
        response, body = self.page("")
        self.assertEqual(len(body["servers"]), 25)
        self.assertEqual(body["meta"]["pagination"], {
            "page": 1, "per_page": 25, "previous_page": None, "next_page": 2, "last_page": 3,
            "total_entries": 60})
        link = response.header("Link")
        self.assertIn('page=2&per_page=25>; rel="next"', link)
        self.assertIn('page=3&per_page=25>; rel="last"', link)
        self.assertNotIn('rel="prev"', link)

    def test_last_page_has_null_next_page_and_no_next_link(self):
        response, body = self.page("page=2&per_page=50")
        self.assertEqual([s["name"] for s in body["servers"]],
                         [f"srv{i:03d}" for i in range(50, 60)])
        self.assertEqual(body["meta"]["pagination"]["next_page"], None)
        self.assertEqual(body["meta"]["pagination"]["previous_page"], 1)
        self.assertEqual(response.header("Link").count("rel="), 1)
        self.assertIn('rel="prev"', response.header("Link"))

    def test_per_page_51_is_clamped_to_50(self):
        _, body = self.page("per_page=51")
        self.assertEqual(len(body["servers"]), 50)
        self.assertEqual(body["meta"]["pagination"]["per_page"], 50)

    def test_page_beyond_the_end_is_empty(self):
        _, body = self.page("page=9&per_page=50")
        self.assertEqual(body["servers"], [])
        self.assertEqual(body["meta"]["pagination"]["next_page"], None)

    def test_bad_page_numbers_are_invalid_input_with_fields(self):
        for query, field in (("page=0", "page"), ("per_page=abc", "per_page")):
            response = self.rig.cloud("GET", f"/servers?{query}")
            self.assertEqual(response.status, 400)
            error = response.json()["error"]
            self.assertEqual(error["code"], "invalid_input")
            self.assertEqual(error["details"]["fields"][0]["name"], field)

    def test_link_keeps_the_filters(self):
        response, _ = self.page("label_selector=missing%21%3Dx&per_page=10")
        self.assertIn("label_selector=missing%21%3Dx", response.header("Link"))

    def test_rate_limit_headers_on_every_answer(self):
        response, _ = self.page("")
        self.assertEqual(response.header("RateLimit-Limit"), "3600")
        self.assertTrue(response.header("RateLimit-Remaining").isdigit())
        self.assertTrue(response.header("RateLimit-Reset").isdigit())


class FiltersAndSort(HetznerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rig.fresh({"servers": [
            {"name": "a", "labels": {"env": "prod", "role": "web"}},
            {"name": "b", "labels": {"env": "dev", "role": "web"}, "status": "off"},
            {"name": "c", "labels": {"env": "prod"}},
            {"name": "d", "labels": {}}]})

    def names(self, query):
        response = self.rig.cloud("GET", f"/servers?{query}")
        self.assertEqual(response.status, 200, response.body)
        return [s["name"] for s in response.json()["servers"]]

    def test_label_selector_language(self):
        cases = {"env=prod": ["a", "c"], "env==prod": ["a", "c"], "env!=prod": ["b", "d"],
                 "role": ["a", "b"], "!role": ["c", "d"], "env in (dev,prod)": ["a", "b", "c"],
                 "env notin (prod)": ["b", "d"], "env=prod,role": ["a"]}
        for selector, expected in cases.items():
            import urllib.parse
            self.assertEqual(self.names("label_selector=" + urllib.parse.quote(selector)),
                             expected, selector)

    def test_name_is_exact_and_status_filters(self):
        self.assertEqual(self.names("name=a"), ["a"])
        self.assertEqual(self.names("name=srv"), [])
        self.assertEqual(self.names("status=off"), ["b"])
        self.assertEqual(self.names("status=off&status=running"), ["a", "b", "c", "d"])

    def test_sort(self):
        self.assertEqual(self.names("sort=name:desc"), ["d", "c", "b", "a"])
        self.assertEqual(self.names("sort=id:asc"), ["a", "b", "c", "d"])
        self.assertEqual(self.rig.cloud("GET", "/servers?sort=color").status, 400)

    def test_bad_selector_is_invalid_input(self):
        response = self.rig.cloud("GET", "/servers?label_selector=%3D%3D")
        self.assertEqual(response.json()["error"]["code"], "invalid_input")


class Shapes(HetznerTestCase):
    def test_server_fields_and_nullable_ipv4(self):
        ids = self.rig.fresh({"servers": [{"name": "v6only", "ipv4": None}]})["projects"]["default"]
        server = self.rig.cloud("GET", f"/servers/{ids['servers']['v6only']}").json()["server"]
        self.assertIsNone(server["public_net"]["ipv4"])
        self.assertTrue(server["public_net"]["ipv6"]["ip"].startswith("2001:db8:"))
        self.assertEqual(server["location"]["name"], "fsn1")
        self.assertNotIn("datacenter", server)
        self.rig.control("POST", "settings", {"server_datacenter": True})
        server = self.rig.cloud("GET", f"/servers/{ids['servers']['v6only']}").json()["server"]
        self.assertEqual(server["datacenter"]["location"]["name"], "fsn1")

    def test_unknown_ids_and_paths_are_not_found(self):
        self.rig.fresh()
        for path in ("/servers/999", "/load_balancers/999", "/certificates/9", "/nothing"):
            response = self.rig.cloud("GET", path)
            self.assertEqual((response.status, response.json()["error"]["code"]),
                             (404, "not_found"), path)

    def test_malformed_json_is_json_error(self):
        self.rig.fresh()
        response = self.rig.request("POST", "/v1/load_balancers", b"{nope",
                                    {"Authorization": f"Bearer {TOKEN}"})
        self.assertEqual((response.status, response.json()["error"]["code"]), (400, "json_error"))

    def test_catalogue_reads(self):
        self.rig.fresh()
        types = self.rig.cloud("GET", "/load_balancer_types").json()["load_balancer_types"]
        lb11 = next(t for t in types if t["name"] == "lb11")
        self.assertEqual((lb11["max_connections"], lb11["max_services"], lb11["max_targets"],
                          lb11["max_assigned_certificates"]), (20000, 5, 25, 10))
        names = [l["name"] for l in self.rig.cloud("GET", "/locations").json()["locations"]]
        self.assertIn("fsn1", names)
        self.assertEqual(self.rig.cloud("GET", "/locations?name=nbg1").json()["locations"][0]
                         ["network_zone"], "eu-central")


class Actions(HetznerTestCase):
    def test_create_image_runs_then_the_snapshot_is_available(self):
        ids = self.rig.fresh({"servers": servers(1)}, action_duration=5)["projects"]["default"]
        server_id = ids["servers"]["srv000"]
        response = self.rig.cloud("POST", f"/servers/{server_id}/actions/create_image",
                                  {"description": "before upgrade", "labels": {"kind": "nightly"}})
        self.assertEqual(response.status, 201)
        body = response.json()
        self.assertEqual((body["image"]["status"], body["image"]["type"], body["image"]["name"]),
                         ("creating", "snapshot", None))
        action = body["action"]
        self.assertEqual((action["command"], action["status"], action["finished"]),
                         ("create_image", "running", None))
        self.assertEqual(action["resources"], [{"id": server_id, "type": "server"}])
        locked = self.rig.cloud("POST", f"/servers/{server_id}/actions/create_image", {})
        self.assertEqual((locked.status, locked.json()["error"]["code"]), (423, "locked"))
        self.assertEqual(self.rig.cloud("GET", f"/images/{body['image']['id']}").json()["image"]
                         ["status"], "creating")
        self.rig.control("POST", "actions/finish")
        done = self.rig.wait_action(action["id"])
        self.assertEqual((done["status"], done["progress"], done["error"]), ("success", 100, None))
        self.assertIsNotNone(done["finished"])
        image = self.rig.cloud("GET", f"/images/{body['image']['id']}").json()["image"]
        self.assertEqual((image["status"], image["created_from"]["id"], image["labels"]),
                         ("available", server_id, {"kind": "nightly"}))
        snapshots = self.rig.cloud("GET", "/images?type=snapshot").json()["images"]
        self.assertEqual([i["description"] for i in snapshots], ["before upgrade"])
        self.assertEqual(self.rig.cloud("DELETE", f"/images/{image['id']}").status, 204)

    def test_action_lists_and_the_removed_global_listing(self):
        ids = self.rig.fresh({"servers": servers(2)}, action_duration=0)["projects"]["default"]
        first, second = (self.rig.cloud("POST", f"/servers/{ids['servers'][name]}/actions/poweroff")
                         .json() for name in ("srv000", "srv001"))
        a, b = first["action"]["id"], second["action"]["id"]
        listed = self.rig.cloud("GET", f"/actions?id={a}&id={b}&sort=id:desc").json()["actions"]
        self.assertEqual([x["id"] for x in listed], [b, a])
        self.assertEqual(listed[0]["command"], "stop_server")
        gone = self.rig.cloud("GET", "/actions")
        self.assertEqual(gone.json()["error"]["code"], "deprecated_api_endpoint")
        own = self.rig.cloud("GET",
                             f"/servers/{ids['servers']['srv000']}/actions").json()["actions"]
        self.assertEqual([x["id"] for x in own], [a])
        self.assertEqual(self.rig.cloud("GET", f"/servers/actions/{b}").json()["action"]["id"], b)
        server = self.rig.cloud("GET", f"/servers/{ids['servers']['srv000']}").json()["server"]
        self.assertEqual(server["status"], "off")

    def test_action_error_fault_fails_the_action_and_changes_nothing(self):
        ids = self.rig.fresh({"servers": servers(1)}, action_duration=0)["projects"]["default"]
        self.rig.control("POST", "faults", {"kind": "action-error", "command": "create_image",
                                            "code": "image_failed", "message": "disk read error"})
        body = self.rig.cloud("POST", f"/servers/{ids['servers']['srv000']}/actions/create_image",
                              {}).json()
        action = self.rig.wait_action(body["action"]["id"])
        self.assertEqual((action["status"], action["error"]),
                         ("error", {"code": "image_failed", "message": "disk read error"}))
        self.assertEqual(self.rig.cloud("GET", "/images?type=snapshot").json()["images"], [])

    def test_server_delete_protection_and_delete(self):
        ids = self.rig.fresh({"servers": [{"name": "keep", "protection": {"delete": True}},
                                          {"name": "drop"}]},
                             action_duration=0)["projects"]["default"]
        refused = self.rig.cloud("DELETE", f"/servers/{ids['servers']['keep']}")
        self.assertEqual((refused.status, refused.json()["error"]["code"]), (403, "protected"))
        deleted = self.rig.cloud("DELETE", f"/servers/{ids['servers']['drop']}")
        self.assertEqual((deleted.status, deleted.json()["action"]["command"]),
                         (200, "delete_server"))
        self.assertEqual([s["name"] for s in self.rig.cloud("GET", "/servers").json()["servers"]],
                         ["keep"])


class Certificates(HetznerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.directory = tempfile.mkdtemp(prefix="hetzner-cert-")
        cls.pem, cls.key = make_certificate(cls.directory)
        cls.other_pem, cls.other_key = make_certificate(cls.directory, "other.test",
                                                        ("other.test",))

    @classmethod
    def tearDownClass(cls):
        for name in os.listdir(cls.directory):
            os.remove(os.path.join(cls.directory, name))
        os.rmdir(cls.directory)

    def test_upload_reads_names_dates_and_fingerprint(self):
        self.rig.fresh()
        response = self.rig.cloud("POST", "/certificates", {"name": "site", "certificate": self.pem,
                                                            "private_key": self.key})
        self.assertEqual(response.status, 201, response.body)
        certificate = response.json()["certificate"]
        self.assertEqual(certificate["type"], "uploaded")
        self.assertEqual(certificate["domain_names"], ["example.com", "www.example.com"])
        self.assertRegex(certificate["fingerprint"], r"^([0-9a-f]{2}:){31}[0-9a-f]{2}$")
        self.assertRegex(certificate["not_valid_after"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
        self.assertNotIn("private_key", certificate)
        renamed = self.rig.cloud("PUT", f"/certificates/{certificate['id']}", {"name": "renamed"})
        self.assertEqual(renamed.json()["certificate"]["name"], "renamed")

    def test_invalid_pem_and_mismatched_key_are_invalid_input(self):
        self.rig.fresh()
        for body, field in (({"certificate": "not a pem", "private_key": self.key},
                             "certificate"),
                            ({"certificate": self.pem, "private_key": self.other_key},
                             "private_key")):
            response = self.rig.cloud("POST", "/certificates", {"name": "x", **body})
            self.assertEqual(response.status, 400)
            self.assertEqual(response.json()["error"]["code"], "invalid_input")
            self.assertEqual(response.json()["error"]["details"]["fields"][0]["name"], field)

    def test_certificate_in_use_cannot_be_deleted(self):
        ids = self.rig.fresh({"certificates": [{"name": "site", "certificate": self.pem,
                                                "private_key": self.key}],
                              "load_balancers": [{"name": "edge", "load_balancer_type": "lb11",
                                                  "location": "fsn1", "services": [
                                                 {"protocol": "https",
                                                  "http": {"certificates": ["site"]}}]}]},
                             action_duration=0)["projects"]["default"]
        certificate_id = ids["certificates"]["site"]
        certificate = self.rig.cloud("GET", f"/certificates/{certificate_id}").json()["certificate"]
        self.assertEqual(certificate["used_by"], [{"id": ids["load_balancers"]["edge"],
                                                   "type": "load_balancer"}])
        refused = self.rig.cloud("DELETE", f"/certificates/{certificate_id}")
        self.assertEqual((refused.status, refused.json()["error"]["code"],
                          refused.json()["error"]["message"]),
                         (422, "service_error", "certificate still in use"))
        lb_id = ids["load_balancers"]["edge"]
        self.rig.cloud("POST", f"/load_balancers/{lb_id}/actions/delete_service",
                       {"listen_port": 443})
        self.assertEqual(self.rig.cloud("DELETE", f"/certificates/{certificate_id}").status, 204)


if __name__ == "__main__":
    unittest.main()
