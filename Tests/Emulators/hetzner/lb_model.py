"""The load balancer object: creation from a POST body (also used for seeding) and its JSON."""

import catalog
import listing
from actions import iso
from cloud_errors import ApiError, invalid_input, uniqueness
from cloud_networks import allocate_private_ip
from lb_services import build_service
from lb_targets import check_target, count_targets, known_after, parse_target, target_json
from project_store import LB_IPV4_POOL

ALGORITHMS = ("round_robin", "least_connections")


def lb_type_of(lb):
    return catalog.find(catalog.LOAD_BALANCER_TYPES, lb["type"])


def new_load_balancer(store, project, body, lb_id=None):
    """Validates a create body and returns the LB (already stored); services and targets of the
    body are added as add_service / add_target would."""
    name = body.get("name")
    problems = {}
    if not isinstance(name, str) or not name:
        problems["name"] = ["name is required"]
    lb_type = catalog.find(catalog.LOAD_BALANCER_TYPES, body.get("load_balancer_type"))
    if lb_type is None:
        problems["load_balancer_type"] = ["load_balancer_type is required and must exist"]
    location = catalog.find(catalog.LOCATIONS, body["location"]) if body.get("location") else None
    zone = body.get("network_zone")
    if body.get("location") and body.get("network_zone"):
        problems["location"] = ["location and network_zone are mutually exclusive"]
    elif body.get("location") and location is None:
        problems["location"] = ["location not found"]
    elif zone is not None and zone not in catalog.NETWORK_ZONES:
        problems["network_zone"] = ["network_zone not found"]
    elif not body.get("location") and zone is None:
        problems["location"] = ["location or network_zone is required"]
    algorithm = (body.get("algorithm") or {}).get("type", "round_robin")
    if algorithm not in ALGORITHMS:
        problems["algorithm.type"] = ["algorithm must be round_robin or least_connections"]
    if problems:
        raise invalid_input(problems)
    if any(lb["name"] == name for lb in project.load_balancers.values()):
        raise uniqueness("name")
    if location is None:
        location = next(l for l in catalog.LOCATIONS if l["network_zone"] == zone)
    lb = {"id": None, "name": name, "created": store.clock(),
          "labels": listing.validate_labels(body.get("labels")),
          "protection": {"delete": False}, "location": location["name"], "type": lb_type["name"],
          "algorithm": algorithm, "public_enabled": body.get("public_interface", True) is not False,
          "ipv4": None, "ipv6": None, "dns_ptr": {}, "private_net": [], "services": [],
          "targets": []}
    if body.get("network") is not None:
        network = project.networks.get(body["network"])
        if network is None:
            raise invalid_input({"network": ["network not found"]})
        lb["private_net"].append({"network": network["id"], "ip": allocate_private_ip(
            project, network, location["network_zone"])})
    certificates = set(project.certificates)
    for service_body in body.get("services") or []:
        service = build_service(service_body, certificates, lb_type["max_assigned_certificates"])
        if any(s["listen_port"] == service["listen_port"] for s in lb["services"]):
            raise ApiError("source_port_already_used", "listen port is already used")
        service["known_after"] = known_after(store, "create_load_balancer")
        lb["services"].append(service)
    for target_body in body.get("targets") or []:
        target = parse_target(target_body)
        check_target(store, project, lb, target)
        target["known_after"] = known_after(store, "create_load_balancer")
        lb["targets"].append(target)
    check_limits(project, lb, lb_type)
    lb["id"] = store.allocate("load_balancer", lb_id)
    lb["ipv4"] = store.allocate_ipv4([LB_IPV4_POOL])
    lb["ipv6"] = store.allocate_ipv6("lb").replace("::/64", "::1")
    project.load_balancers[lb["id"]] = lb
    return lb


def check_limits(project, lb, lb_type):
    if len(lb["services"]) > lb_type["max_services"]:
        raise ApiError("resource_limit_exceeded", f"load balancer type {lb_type['name']} allows "
                       f"at most {lb_type['max_services']} services",
                       {"limits": [{"name": "max_services"}]})
    if count_targets(project, lb["targets"]) > lb_type["max_targets"]:
        raise ApiError("resource_limit_exceeded", f"load balancer type {lb_type['name']} allows "
                       f"at most {lb_type['max_targets']} targets",
                       {"limits": [{"name": "max_targets"}]})


def service_json(service):
    return {key: value for key, value in service.items() if key != "known_after"}


def load_balancer_json(store, project, lb):
    location = catalog.find(catalog.LOCATIONS, lb["location"])
    return {
        "id": lb["id"], "name": lb["name"], "created": iso(lb["created"]),
        "labels": dict(lb["labels"]), "protection": dict(lb["protection"]),
        "public_net": {"enabled": lb["public_enabled"],
                       "ipv4": {"ip": lb["ipv4"], "dns_ptr": lb["dns_ptr"].get(
                           lb["ipv4"], f"static.{lb['ipv4']}.clients.your-server.de")},
                       "ipv6": {"ip": lb["ipv6"], "dns_ptr": lb["dns_ptr"].get(
                           lb["ipv6"], f"static.{lb['ipv6']}.clients.your-server.de")}},
        "private_net": [dict(p) for p in lb["private_net"]],
        "location": location, "load_balancer_type": lb_type_of(lb),
        "algorithm": {"type": lb["algorithm"]},
        "services": [service_json(s) for s in lb["services"]],
        "targets": [target_json(store, project, lb, t) for t in lb["targets"]],
        "included_traffic": 21990232555520, "outgoing_traffic": 0, "ingoing_traffic": 0}
