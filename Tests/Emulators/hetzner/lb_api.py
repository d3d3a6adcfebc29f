"""Load balancer endpoints: list, get, create, update (PUT name/labels), delete, and every
action of reference §1.7. Changes show at once; the returned action runs for the configured
duration, and the LB is locked (423) until it ends. A failing action changes nothing."""

import catalog
import listing
from cloud_errors import ApiError, invalid_input, protected
from cloud_networks import allocate_private_ip
from lb_model import ALGORITHMS, check_limits, lb_type_of, load_balancer_json, new_load_balancer
from lb_services import build_service, update_service
from lb_targets import check_target, known_after, parse_target, target_key


def lb_by_path(ctx, lb_id):
    return listing.by_id(ctx.project.load_balancers, lb_id, "load_balancer")


def render(ctx, lb):
    return load_balancer_json(ctx.store, ctx.project, lb)


def list_load_balancers(ctx):
    items = [render(ctx, lb) for lb in ctx.project.load_balancers.values()]
    items = listing.filter_items(items, ctx.query)
    return ctx.page(listing.sort_items(items, ctx.query), "load_balancers")


def get_load_balancer(ctx, lb_id):
    return 200, {"load_balancer": render(ctx, lb_by_path(ctx, lb_id))}


def create_load_balancer(ctx):
    store, project = ctx.store, ctx.project
    lb = new_load_balancer(store, project, ctx.json_object())
    action = store.start_action(project, "create_load_balancer", [("load_balancer", lb["id"])],
                                on_error=lambda: project.load_balancers.pop(lb["id"], None))
    return 201, {"load_balancer": render(ctx, lb), "action": store.action_json(action)}


def update_load_balancer(ctx, lb_id):
    lb = lb_by_path(ctx, lb_id)
    body = ctx.json_object()
    ctx.store.ensure_unlocked(ctx.project, "load_balancer", lb["id"], "load balancer")
    listing.update_name_and_labels(lb, body, ctx.project.load_balancers.values())
    return 200, {"load_balancer": render(ctx, lb)}


def delete_load_balancer(ctx, lb_id):
    lb = lb_by_path(ctx, lb_id)
    ctx.store.ensure_unlocked(ctx.project, "load_balancer", lb["id"], "load balancer")
    if lb["protection"]["delete"]:
        raise protected("load balancer")
    del ctx.project.load_balancers[lb["id"]]
    ctx.store.used_ipv4.discard(lb["ipv4"])
    return 204, None


def load_balancer_action(ctx, lb_id, command):
    lb = lb_by_path(ctx, lb_id)
    handler = ACTIONS.get(command)
    if handler is None:
        raise ApiError("not_found", f"action {command} not found")
    body = ctx.json_object()
    ctx.store.ensure_unlocked(ctx.project, "load_balancer", lb["id"], "load balancer")
    apply = handler(ctx, lb, body)  # validates; returns the change to make
    action_name = ACTION_COMMANDS.get(command, command)
    action = ctx.store.start_action(ctx.project, action_name, [("load_balancer", lb["id"])])
    if not action.failure:
        apply()
    return 201, {"action": ctx.store.action_json(action)}


def add_service(ctx, lb, body):
    lb_type = lb_type_of(lb)
    service = build_service(body, set(ctx.project.certificates),
                            lb_type["max_assigned_certificates"])
    if any(s["listen_port"] == service["listen_port"] for s in lb["services"]):
        raise ApiError("source_port_already_used",
                       f"listen port {service['listen_port']} is already used")
    if len(lb["services"]) + 1 > lb_type["max_services"]:
        check_limits(ctx.project, {**lb, "services": lb["services"] + [service]}, lb_type)
    service["known_after"] = known_after(ctx.store, "add_service")
    return lambda: lb["services"].append(service)


def service_index(lb, body):
    port = body.get("listen_port")
    if not isinstance(port, int):
        raise invalid_input({"listen_port": ["listen_port is required"]})
    for index, service in enumerate(lb["services"]):
        if service["listen_port"] == port:
            return index
    raise ApiError("not_found", f"service with listen port {port} not found")


def update_service_action(ctx, lb, body):
    index = service_index(lb, body)
    updated = update_service(lb["services"][index], body, set(ctx.project.certificates),
                             lb_type_of(lb)["max_assigned_certificates"])
    return lambda: lb["services"].__setitem__(index, updated)


def delete_service(ctx, lb, body):
    index = service_index(lb, body)
    return lambda: lb["services"].pop(index)


def add_target(ctx, lb, body):
    target = parse_target(body)
    check_target(ctx.store, ctx.project, lb, target)
    check_limits(ctx.project, {**lb, "targets": lb["targets"] + [target]}, lb_type_of(lb))
    target["known_after"] = known_after(ctx.store, "add_target")
    return lambda: lb["targets"].append(target)


def remove_target(ctx, lb, body):
    key = target_key(parse_target(body))
    if not any(target_key(t) == key for t in lb["targets"]):
        raise ApiError("load_balancer_target_not_found", "target not found")
    return lambda: lb.__setitem__("targets", [t for t in lb["targets"] if target_key(t) != key])


def change_algorithm(ctx, lb, body):
    if body.get("type") not in ALGORITHMS:
        raise invalid_input({"type": ["type must be round_robin or least_connections"]})
    return lambda: lb.__setitem__("algorithm", body["type"])


def change_type(ctx, lb, body):
    lb_type = catalog.find(catalog.LOAD_BALANCER_TYPES, body.get("load_balancer_type"))
    if lb_type is None:
        raise ApiError("invalid_load_balancer_type", "load balancer type not found")
    try:
        check_limits(ctx.project, lb, lb_type)
    except ApiError:
        raise ApiError("invalid_load_balancer_type", f"load balancer type {lb_type['name']} "
                       "cannot hold the current services and targets")
    return lambda: lb.__setitem__("type", lb_type["name"])


def attach_to_network(ctx, lb, body):
    network = ctx.project.networks.get(body.get("network")) if isinstance(
        body.get("network"), int) else None
    if network is None:
        raise invalid_input({"network": ["network not found"]})
    if any(p["network"] == network["id"] for p in lb["private_net"]):
        raise ApiError("load_balancer_already_attached",
                       "load balancer is already attached to this network")
    zone = catalog.find(catalog.LOCATIONS, lb["location"])["network_zone"]
    address = allocate_private_ip(ctx.project, network, zone, body.get("ip"), body.get("ip_range"))
    return lambda: lb["private_net"].append({"network": network["id"], "ip": address})


def detach_from_network(ctx, lb, body):
    if not any(p["network"] == body.get("network") for p in lb["private_net"]):
        raise ApiError("load_balancer_not_attached_to_network",
                       "load balancer is not attached to this network")
    return lambda: lb.__setitem__("private_net", [p for p in lb["private_net"]
                                                  if p["network"] != body["network"]])


def enable_public_interface(ctx, lb, body):
    return lambda: lb.__setitem__("public_enabled", True)


def disable_public_interface(ctx, lb, body):
    if not lb["private_net"]:
        raise ApiError("load_balancer_not_attached_to_network",
                       "load balancer is not attached to a network")
    if any(not t["use_private_ip"] for t in lb["targets"] if t["type"] != "ip"):
        raise ApiError("targets_without_use_private_ip",
                       "load balancer has targets that do not use the private IP")
    return lambda: lb.__setitem__("public_enabled", False)


def change_protection(ctx, lb, body):
    if "delete" in body and not isinstance(body["delete"], bool):
        raise invalid_input({"delete": ["delete must be a boolean"]})
    return lambda: lb["protection"].update({k: body[k] for k in ("delete",) if k in body})


def change_dns_ptr(ctx, lb, body):
    if body.get("ip") not in (lb["ipv4"], lb["ipv6"]):
        raise invalid_input({"ip": ["ip is not an address of this load balancer"]})
    return lambda: lb["dns_ptr"].__setitem__(body["ip"], body.get("dns_ptr"))


ACTIONS = {
    "add_service": add_service, "update_service": update_service_action,
    "delete_service": delete_service, "add_target": add_target, "remove_target": remove_target,
    "change_algorithm": change_algorithm, "change_type": change_type,
    "attach_to_network": attach_to_network, "detach_from_network": detach_from_network,
    "enable_public_interface": enable_public_interface,
    "disable_public_interface": disable_public_interface,
    "change_protection": change_protection, "change_dns_ptr": change_dns_ptr,
}
ACTION_COMMANDS = {"change_type": "change_load_balancer_type"}
