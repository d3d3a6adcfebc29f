"""Robot webservice quirks: Basic auth, wrapped lists, empty list = 404, 403 rate limits,
form-encoded bodies, the deprecated IP alias, the .yaml suffix, the lockout."""

import unittest

from emulator_harness import HetznerTestCase

SERVER = {"server_number": 321, "server_name": "db1", "server_ip": "192.0.2.10",
          "product": "EX44", "dc": "FSN1-DC10", "subnet": [{"ip": "2001:db8:1::", "mask": "64"}],
          "linked_storagebox": 55}


def error_of(response):
    error = response.json()["error"]
    assert error["status"] == response.status, (error, response.status)
    return response.status, error["code"]


class Servers(HetznerTestCase):
    def setUp(self):
        self.rig.fresh({"robot_servers": [SERVER, {"server_number": 322, "status": "in process"}]})

    def test_list_wraps_each_server(self):
        response = self.rig.robot("GET", "/server")
        self.assertEqual(response.status, 200)
        listed = response.json()
        self.assertEqual([entry["server"]["server_number"] for entry in listed], [321, 322])
        first = listed[0]["server"]
        self.assertEqual((first["server_ip"], first["dc"], first["subnet"][0]["mask"]),
                         ("192.0.2.10", "FSN1-DC10", "64"))
        self.assertNotIn("linked_storagebox", first)
        self.assertIsNone(listed[1]["server"]["subnet"])
        self.assertEqual(listed[1]["server"]["status"], "in process")

    def test_detail_by_number_or_deprecated_ip(self):
        for key in ("321", "192.0.2.10"):
            server = self.rig.robot("GET", f"/server/{key}").json()["server"]
            self.assertEqual((server["server_name"], server["linked_storagebox"]), ("db1", 55))
            self.assertIn("reset", server)
        self.assertEqual(error_of(self.rig.robot("GET", "/server/999")), (404, "SERVER_NOT_FOUND"))

    def test_empty_list_is_404_server_not_found(self):
        self.rig.fresh()
        self.assertEqual(error_of(self.rig.robot("GET", "/server")), (404, "SERVER_NOT_FOUND"))

    def test_rename_takes_form_fields_and_refuses_json(self):
        renamed = self.rig.robot("POST", "/server/321", {"server_name": "db-primary"})
        self.assertEqual(renamed.json()["server"]["server_name"], "db-primary")
        refused = self.rig.robot("POST", "/server/321", raw_body=b'{"server_name": "x"}',
                                 content_type="application/json")
        self.assertEqual(error_of(refused), (400, "INVALID_INPUT"))
        missing = self.rig.robot("POST", "/server/321", {"other": "x"})
        self.assertEqual(missing.json()["error"]["missing"], ["server_name"])

    def test_yaml_suffix(self):
        response = self.rig.robot("GET", "/server/321.yaml")
        self.assertEqual(response.header("Content-Type"), "application/x-yaml")
        self.assertIn("server_number: 321", response.body.decode())

    def test_ip_listing(self):
        ips = self.rig.robot("GET", "/ip").json()
        self.assertIn("192.0.2.10", [entry["ip"]["ip"] for entry in ips])
        self.assertEqual(self.rig.robot("GET", "/ip/192.0.2.10").json()["ip"]["mask"], 26)


class Limits(HetznerTestCase):
    def test_bad_credentials_are_401_and_three_failures_lock_out(self):
        self.rig.fresh({"robot_servers": [SERVER]})
        for _ in range(3):
            self.assertEqual(error_of(self.rig.robot("GET", "/server", password="wrong")),
                             (401, "UNAUTHORIZED"))
        self.assertEqual(error_of(self.rig.robot("GET", "/server")), (401, "UNAUTHORIZED"))
        self.rig.fresh({"robot_servers": [SERVER]}, robot_lockout=False)
        for _ in range(4):
            self.rig.robot("GET", "/server", password="wrong")
        self.assertEqual(self.rig.robot("GET", "/server").status, 200)

    def test_rate_limit_is_403_with_interval_and_max_request(self):
        self.rig.fresh({"robot_servers": [SERVER]}, robot_rate_limits={"server": 2})
        self.assertEqual([self.rig.robot("GET", "/server").status for _ in range(2)], [200, 200])
        refused = self.rig.robot("GET", "/server/321")
        self.assertEqual(refused.json(), {"error": {
            "status": 403, "code": "RATE_LIMIT_EXCEEDED", "message": "rate limit exceeded",
            "max_request": 2, "interval": 3600}})
        self.assertIsNone(refused.header("RateLimit-Limit"))
        self.assertEqual(self.rig.robot("GET", "/ip").status, 200)  # another endpoint group


if __name__ == "__main__":
    unittest.main()
