"""Load balancer targets (server, label_selector, ip): validation with the API's error codes,
identity, resolution of label selectors, and per-listen-port health as tests script it."""

import ipaddress
import math

import listing
from cloud_errors import ApiError, invalid_input

TARGET_TYPES = ("server", "label_selector", "ip")


def target_key(target):
    """The identity of a target: type plus server id, selector or IP."""
    if target["type"] == "server":
        return f"server:{target['server']}"
    if target["type"] == "ip":
        return f"ip:{target['ip']}"
    return f"label_selector:{target['selector']}"


def parse_target(body):
    """{"type", "server": {"id"} | "label_selector": {"selector"} | "ip": {"ip"},
    "use_private_ip"} -> internal target (without timing)."""
    if not isinstance(body, dict) or body.get("type") not in TARGET_TYPES:
        raise invalid_input({"type": ["type must be one of server, label_selector, ip"]})
    kind = body["type"]
    sub = body.get(kind)
    use_private_ip = body.get("use_private_ip", False)
    if not isinstance(use_private_ip, bool):
        raise invalid_input({"use_private_ip": ["use_private_ip must be a boolean"]})
    if kind == "server":
        if not isinstance(sub, dict) or not isinstance(sub.get("id"), int):
            raise invalid_input({"server.id": ["server.id is required"]})
        return {"type": "server", "server": sub["id"], "use_private_ip": use_private_ip}
    if kind == "label_selector":
        if not isinstance(sub, dict) or not isinstance(sub.get("selector"), str):
            raise invalid_input({"label_selector.selector": ["selector is required"]})
        listing.parse_label_selector(sub["selector"])
        return {"type": "label_selector", "selector": sub["selector"],
                "use_private_ip": use_private_ip}
    try:
        address = str(ipaddress.ip_address((sub or {}).get("ip", "")))
    except ValueError:
        raise invalid_input({"ip.ip": ["ip must be an IP address"]})
    if use_private_ip:
        raise invalid_input({"use_private_ip": ["use_private_ip is not allowed for ip targets"]})
    return {"type": "ip", "ip": address, "use_private_ip": False}


def check_target(store, project, lb, target):
    """Refuses a target the way the API does (codes from the reference, §1.4 and §1.7)."""
    if any(target_key(t) == target_key(target) for t in lb["targets"]):
        raise ApiError("target_already_defined", "target is already defined")
    networks = {p["network"] for p in lb["private_net"]}
    if target["use_private_ip"] and not networks:
        raise ApiError("load_balancer_not_attached_to_network",
                       "load balancer is not attached to a network")
    if target["type"] == "server":
        server = project.servers.get(target["server"])
        if server is None:
            raise invalid_input({"server.id": [f"server {target['server']} not found"]})
        if target["use_private_ip"]:
            if not any(p["network"] in networks for p in server["private_net"]):
                raise ApiError("server_not_attached_to_network",
                               "server is not attached to the load balancer's network")
        elif not server["ipv4"]:
            raise ApiError("missing_ipv4", "server has no public IPv4 address")
    elif target["type"] == "ip":
        address = target["ip"]
        cloud_ips = {s["ipv4"] for p in store.all_projects() for s in p.servers.values()}
        cloud_ips |= {b["ipv4"] for p in store.all_projects() for b in p.load_balancers.values()}
        if address in cloud_ips:
            raise ApiError("cloud_resource_ip_not_allowed",
                           "IP belongs to a Hetzner Cloud resource")
        if address not in robot_addresses(store):
            raise ApiError("ip_not_owned", "IP is not owned by the project owner")


def robot_addresses(store):
    addresses = set()
    for server in store.robot_servers.values():
        addresses.add(server["server_ip"])
        addresses.update(server.get("ip") or [])
    return addresses


def resolved_servers(project, target):
    matcher = listing.parse_label_selector(target["selector"])
    return sorted((s for s in project.servers.values() if matcher(s["labels"])),
                  key=lambda s: s["id"])


def count_targets(project, targets):
    return sum(len(resolved_servers(project, t)) if t["type"] == "label_selector" else 1
               for t in targets)


def known_after(store, command):
    duration = store.settings.duration_of(command)
    if duration < 0:
        return math.inf
    return store.clock() + duration + store.settings.health_delay


def health_status(store, project, lb, key, service, target):
    """Scripted status if a test set one, `unknown` while new, else derived from the backend."""
    for port in (service["listen_port"], None):
        scripted = store.health.get((lb["id"], key, port))
        if scripted:
            return scripted
    if store.clock() < max(target["known_after"], service["known_after"]):
        return "unknown"
    if key.startswith("server:"):
        server = project.servers.get(int(key.split(":", 1)[1]))
        reachable = server is not None and server["status"] == "running" and (
            target["use_private_ip"] or server["ipv4"])
        return "healthy" if reachable else "unhealthy"
    address = key.split(":", 1)[1]
    ready = any(address in ([s["server_ip"]] + (s.get("ip") or [])) and s["status"] == "ready"
                for s in store.robot_servers.values())
    return "healthy" if ready else "unhealthy"


def target_json(store, project, lb, target):
    def statuses(key):
        return [{"listen_port": s["listen_port"],
                 "status": health_status(store, project, lb, key, s, target)}
                for s in lb["services"]]

    if target["type"] == "server":
        return {"type": "server", "server": {"id": target["server"]},
                "use_private_ip": target["use_private_ip"],
                "health_status": statuses(target_key(target))}
    if target["type"] == "ip":
        return {"type": "ip", "ip": {"ip": target["ip"]},
                "health_status": statuses(target_key(target))}
    return {"type": "label_selector", "label_selector": {"selector": target["selector"]},
            "use_private_ip": target["use_private_ip"],
            "targets": [{"type": "server", "server": {"id": s["id"]},
                         "use_private_ip": target["use_private_ip"],
                         "health_status": statuses(f"server:{s['id']}")}
                        for s in resolved_servers(project, target)]}
