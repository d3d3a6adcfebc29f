"""Load balancers: create/update/delete, services and their defaults, targets and their error
codes, type limits, networks, locking while an action runs, scripted health."""

import time
import unittest

from emulator_harness import HetznerTestCase

ROBOT_IP = "192.0.2.200"


class LoadBalancerCase(HetznerTestCase):
    def fresh(self, **settings):
        settings.setdefault("action_duration", 0)
        return self.rig.fresh({
            "networks": [{"name": "private", "ip_range": "10.0.0.0/16"}],
            "servers": [{"name": "web1", "labels": {"role": "web"},
                         "private_net": [{"network": "private", "ip": "10.0.0.2"}]},
                        {"name": "web2", "labels": {"role": "web"}},
                        {"name": "v6only", "ipv4": None}],
            "robot_servers": [{"server_number": 321, "server_ip": ROBOT_IP}]},
                              **settings)["projects"]["default"]

    def create(self, name="edge", **body):
        response = self.rig.cloud("POST", "/load_balancers", {
            "name": name, "load_balancer_type": "lb11", "location": "fsn1", **body})
        assert response.status == 201, response.body
        return response.json()

    def act(self, lb_id, command, body=None):
        return self.rig.cloud("POST", f"/load_balancers/{lb_id}/actions/{command}", body or {})

    def lb(self, lb_id):
        return self.rig.cloud("GET", f"/load_balancers/{lb_id}").json()["load_balancer"]


def error_of(response):
    return response.status, response.json()["error"]["code"]


class Lifecycle(LoadBalancerCase):
    def setUp(self):
        self.ids = self.fresh()

    def test_create_answers_201_with_the_lb_and_its_action(self):
        body = self.create(labels={"team": "ops"})
        created = body["load_balancer"]
        self.assertEqual(body["action"]["command"], "create_load_balancer")
        self.assertEqual(body["action"]["resources"], [{"id": created["id"],
                                                        "type": "load_balancer"}])
        self.assertTrue(created["public_net"]["ipv4"]["ip"].startswith("203.0.113."))
        self.assertTrue(created["public_net"]["ipv6"]["ip"].startswith("2001:db8:"))
        self.assertEqual(created["algorithm"], {"type": "round_robin"})
        self.assertEqual(created["load_balancer_type"]["max_services"], 5)
        self.assertEqual((created["location"]["name"], created["labels"]),
                         ("fsn1", {"team": "ops"}))

    def test_create_validation(self):
        self.create()
        self.assertEqual(error_of(self.rig.cloud("POST", "/load_balancers", {
            "name": "edge", "load_balancer_type": "lb11", "location": "fsn1"})),
                         (409, "uniqueness_error"))
        both = self.rig.cloud("POST", "/load_balancers", {"name": "x", "load_balancer_type": "lb11",
                                                          "location": "fsn1",
                                                          "network_zone": "eu-central"})
        self.assertEqual(error_of(both), (400, "invalid_input"))
        zone = self.create("by-zone", location=None, network_zone="us-east")["load_balancer"]
        self.assertEqual(zone["location"]["network_zone"], "us-east")
        bad_type = self.rig.cloud("POST", "/load_balancers", {"name": "y", "load_balancer_type":
                                                              "lb99", "location": "fsn1"})
        self.assertEqual(bad_type.json()["error"]["details"]["fields"][0]["name"],
                         "load_balancer_type")

    def test_put_replaces_labels_and_renames(self):
        lb_id = self.create(labels={"a": "1", "b": "2"})["load_balancer"]["id"]
        updated = self.rig.cloud("PUT", f"/load_balancers/{lb_id}", {"name": "edge2",
                                                                     "labels": {"c": "3"}})
        self.assertEqual(updated.status, 200)
        self.assertEqual((updated.json()["load_balancer"]["name"],
                          updated.json()["load_balancer"]["labels"]), ("edge2", {"c": "3"}))

    def test_delete_is_204_and_respects_protection(self):
        lb_id = self.create()["load_balancer"]["id"]
        self.act(lb_id, "change_protection", {"delete": True})
        self.assertEqual(error_of(self.rig.cloud("DELETE", f"/load_balancers/{lb_id}")),
                         (403, "protected"))
        self.act(lb_id, "change_protection", {"delete": False})
        response = self.rig.cloud("DELETE", f"/load_balancers/{lb_id}")
        self.assertEqual((response.status, response.body), (204, b""))
        self.assertEqual(self.rig.cloud("GET", "/load_balancers").json()["load_balancers"], [])


class Services(LoadBalancerCase):
    def setUp(self):
        self.fresh()
        self.lb_id = self.create()["load_balancer"]["id"]

    def test_http_defaults(self):
        self.assertEqual(self.act(self.lb_id, "add_service", {"protocol": "http"}).status, 201)
        [service] = self.lb(self.lb_id)["services"]
        self.assertEqual((service["listen_port"], service["destination_port"],
                          service["proxyprotocol"]), (80, 80, False))
        self.assertEqual((service["http"]["cookie_name"], service["http"]["cookie_lifetime"],
                          service["http"]["sticky_sessions"]), ("HCLBSTICKY", 300, False))
        check = service["health_check"]
        self.assertEqual((check["protocol"], check["port"], check["interval"], check["timeout"],
                          check["retries"]), ("http", 80, 15, 10, 3))
        self.assertEqual(check["http"]["status_codes"], ["2??", "3??"])

    def test_tcp_needs_ports_and_has_no_http(self):
        self.assertEqual(error_of(self.act(self.lb_id, "add_service", {"protocol": "tcp"})),
                         (400, "invalid_input"))
        self.act(self.lb_id, "add_service", {"protocol": "tcp", "listen_port": 5432,
                                             "destination_port": 5432})
        [service] = self.lb(self.lb_id)["services"]
        self.assertIsNone(service["http"])
        self.assertEqual(service["health_check"]["protocol"], "tcp")

    def test_listen_port_identity_update_and_delete(self):
        self.act(self.lb_id, "add_service", {"protocol": "http"})
        self.assertEqual(error_of(self.act(self.lb_id, "add_service", {"protocol": "http"})),
                         (422, "source_port_already_used"))
        self.act(self.lb_id, "update_service", {"listen_port": 80, "destination_port": 8080,
                                                "health_check": {"http": {"path": "/healthz"}}})
        [service] = self.lb(self.lb_id)["services"]
        self.assertEqual((service["destination_port"], service["health_check"]["http"]["path"],
                          service["health_check"]["interval"]), (8080, "/healthz", 15))
        self.assertEqual(error_of(self.act(self.lb_id, "update_service", {"listen_port": 81})),
                         (404, "not_found"))
        self.act(self.lb_id, "delete_service", {"listen_port": 80})
        self.assertEqual(self.lb(self.lb_id)["services"], [])

    def test_max_services_of_the_type(self):
        for port in range(8001, 8006):
            self.assertEqual(self.act(self.lb_id, "add_service", {"protocol": "http",
                                                                  "listen_port": port}).status, 201)
        refused = self.act(self.lb_id, "add_service", {"protocol": "http", "listen_port": 8006})
        self.assertEqual(error_of(refused), (403, "resource_limit_exceeded"))
        self.assertEqual(error_of(self.act(self.lb_id, "change_type",
                                           {"load_balancer_type": "lb9"})),
                         (422, "invalid_load_balancer_type"))
        self.act(self.lb_id, "change_type", {"load_balancer_type": "lb21"})
        self.assertEqual(self.act(self.lb_id, "add_service", {"protocol": "http",
                                                              "listen_port": 8006}).status, 201)

    def test_health_check_timeout_above_interval_is_invalid(self):
        refused = self.act(self.lb_id, "add_service", {
            "protocol": "http", "health_check": {"interval": 5, "timeout": 15}})
        self.assertEqual(refused.json()["error"]["details"]["fields"][0]["name"], "health_check")


class Targets(LoadBalancerCase):
    def setUp(self):
        self.ids = self.fresh()
        self.lb_id = self.create(services=[{"protocol": "http"}])["load_balancer"]["id"]
        self.servers = self.ids["servers"]

    def server_target(self, name, **extra):
        return {"type": "server", "server": {"id": self.servers[name]}, **extra}

    def health_of_first_target(self):
        return self.lb(self.lb_id)["targets"][0]["health_status"][0]["status"]

    def test_server_target_and_duplicates(self):
        self.assertEqual(self.act(self.lb_id, "add_target", self.server_target("web2")).status, 201)
        self.assertEqual(error_of(self.act(self.lb_id, "add_target", self.server_target("web2"))),
                         (422, "target_already_defined"))
        [target] = self.lb(self.lb_id)["targets"]
        self.assertEqual(target["health_status"], [{"listen_port": 80, "status": "healthy"}])
        self.act(self.lb_id, "remove_target", self.server_target("web2"))
        self.assertEqual(error_of(self.act(self.lb_id, "remove_target",
                                           self.server_target("web2"))),
                         (404, "load_balancer_target_not_found"))

    def test_codes_for_unusable_targets(self):
        self.assertEqual(error_of(self.act(self.lb_id, "add_target", self.server_target("v6only"))),
                         (422, "missing_ipv4"))
        private = self.server_target("web1", use_private_ip=True)
        self.assertEqual(error_of(self.act(self.lb_id, "add_target", private)),
                         (422, "load_balancer_not_attached_to_network"))
        self.act(self.lb_id, "attach_to_network", {"network": self.ids["networks"]["private"]})
        self.assertEqual(self.act(self.lb_id, "add_target", private).status, 201)
        self.assertEqual(error_of(self.act(self.lb_id, "add_target",
                                           self.server_target("web2", use_private_ip=True))),
                         (422, "server_not_attached_to_network"))
        web2_ip = self.rig.cloud("GET", f"/servers/{self.servers['web2']}").json()["server"][
            "public_net"]["ipv4"]["ip"]
        self.assertEqual(error_of(self.act(self.lb_id, "add_target",
                                           {"type": "ip", "ip": {"ip": web2_ip}})),
                         (422, "cloud_resource_ip_not_allowed"))
        self.assertEqual(error_of(self.act(self.lb_id, "add_target",
                                           {"type": "ip", "ip": {"ip": "192.0.2.77"}})),
                         (422, "ip_not_owned"))
        self.assertEqual(self.act(self.lb_id, "add_target", {"type": "ip", "ip": {"ip": ROBOT_IP}})
                         .status, 201)

    def test_label_selector_resolves_to_nested_targets(self):
        self.act(self.lb_id, "add_target", {"type": "label_selector",
                                            "label_selector": {"selector": "role=web"}})
        [target] = self.lb(self.lb_id)["targets"]
        self.assertEqual(sorted(t["server"]["id"] for t in target["targets"]),
                         sorted([self.servers["web1"], self.servers["web2"]]))
        self.assertTrue(all(t["health_status"][0]["listen_port"] == 80
                            for t in target["targets"]))

    def test_private_network_ip_and_public_interface(self):
        self.assertEqual(error_of(self.act(self.lb_id, "disable_public_interface")),
                         (422, "load_balancer_not_attached_to_network"))
        network = self.ids["networks"]["private"]
        self.act(self.lb_id, "attach_to_network", {"network": network})
        self.assertEqual(error_of(self.act(self.lb_id, "attach_to_network", {"network": network})),
                         (422, "load_balancer_already_attached"))
        [attachment] = self.lb(self.lb_id)["private_net"]
        self.assertEqual(attachment["network"], network)
        self.assertTrue(attachment["ip"].startswith("10.0.0."))
        self.assertNotEqual(attachment["ip"], "10.0.0.2")  # web1 holds that one
        self.act(self.lb_id, "add_target", self.server_target("web2"))
        self.assertEqual(error_of(self.act(self.lb_id, "disable_public_interface")),
                         (422, "targets_without_use_private_ip"))
        self.act(self.lb_id, "detach_from_network", {"network": network})
        self.assertEqual(self.lb(self.lb_id)["private_net"], [])

    def test_scripted_health(self):
        self.act(self.lb_id, "add_target", self.server_target("web2"))
        self.rig.control("POST", "health", {"load_balancer": "edge", "target": "web2",
                                            "listen_port": 80, "status": "unhealthy"})
        self.assertEqual(self.health_of_first_target(), "unhealthy")
        self.rig.control("POST", "health", {"load_balancer": "edge", "target": "web2",
                                            "listen_port": 80, "status": None})
        self.rig.control("POST", "server", {"server": "web2", "status": "off"})
        self.assertEqual(self.health_of_first_target(), "unhealthy")


class Locking(LoadBalancerCase):
    def test_mutations_are_locked_while_an_action_runs(self):
        ids = self.fresh(action_duration=5)
        lb_id = self.create()["load_balancer"]["id"]
        for response in (self.act(lb_id, "add_service", {"protocol": "http"}),
                         self.rig.cloud("PUT", f"/load_balancers/{lb_id}", {"name": "x"}),
                         self.rig.cloud("DELETE", f"/load_balancers/{lb_id}")):
            self.assertEqual(error_of(response), (423, "locked"))
        self.assertEqual(self.rig.cloud("GET", f"/load_balancers/{lb_id}").status, 200)
        self.assertEqual(self.rig.control("POST", "actions/finish")["finished"], 1)
        added = self.act(lb_id, "add_service", {"protocol": "http"})
        self.assertEqual(added.status, 201)
        self.assertEqual(added.json()["action"]["status"], "running")
        target = {"type": "server", "server": {"id": ids["servers"]["web2"]}}
        self.assertEqual(error_of(self.act(lb_id, "add_target", target)), (423, "locked"))
        self.rig.control("POST", "actions/finish")
        self.assertEqual(self.act(lb_id, "add_target", target).status, 201)
        status = self.lb(lb_id)["targets"][0]["health_status"][0]["status"]
        self.assertEqual(status, "unknown")  # just added, its action still running

    def test_action_progress_rises_and_a_stuck_action_never_ends(self):
        self.fresh(action_durations={"create_load_balancer": -1})
        action = self.create()["action"]
        time.sleep(0.1)
        again = self.rig.cloud("GET", f"/actions/{action['id']}").json()["action"]
        self.assertEqual((again["status"], again["progress"]), ("running", 0))
        self.rig.control("POST", "settings", {"action_durations": {}, "action_duration": 1.0})
        lb_id = self.create("second")["load_balancer"]["id"]
        first = self.rig.cloud("GET", f"/load_balancers/{lb_id}/actions").json()["actions"][0]
        time.sleep(0.3)
        later = self.rig.cloud("GET", f"/actions/{first['id']}").json()["action"]
        self.assertGreater(later["progress"], first["progress"])


if __name__ == "__main__":
    unittest.main()
