"""Hetzner Robot webservice under /robot: Basic auth, form-encoded POSTs, `{"server": {...}}`
wrappers, empty lists answered as 404, rate limits answered as 403, optional `.yaml` suffix."""

import base64
import binascii
import ipaddress
import re
import urllib.parse

DETAIL_FLAGS = ("reset", "rescue", "vnc", "windows", "plesk", "cpanel", "wol", "hot_swap")
LIST_FIELDS = ("server_ip", "server_ipv6_net", "server_number", "server_name", "product", "dc",
               "traffic", "status", "cancelled", "paid_until", "ip", "subnet")


class RobotError(Exception):
    def __init__(self, status, code, message, **extra):
        super().__init__(message)
        self.status = status
        self.payload = {"error": {"status": status, "code": code, "message": message, **extra}}


def seed_robot_server(store, spec):
    number = int(spec["server_number"])
    server_ip = spec.get("server_ip", f"192.0.2.{100 + len(store.robot_servers)}")
    server = {"server_ip": server_ip,
              "server_ipv6_net": spec.get("server_ipv6_net", f"2001:db8:300:{number:x}::"),
              "server_number": number, "server_name": spec.get("server_name", f"server{number}"),
              "product": spec.get("product", "EX44"), "dc": spec.get("dc", "FSN1-DC10"),
              "traffic": spec.get("traffic", "unlimited"), "status": spec.get("status", "ready"),
              "cancelled": bool(spec.get("cancelled", False)),
              "paid_until": spec.get("paid_until", "2027-01-31"),
              "ip": list(spec.get("ip", [server_ip])), "subnet": spec.get("subnet"),
              "linked_storagebox": spec.get("linked_storagebox")}
    for flag in DETAIL_FLAGS:
        server[flag] = bool(spec.get(flag, flag in ("reset", "rescue", "vnc", "windows", "wol")))
    store.robot_servers[number] = server
    return number


def authenticate(store, limits, authorization, client):
    """The webservice user, or RobotError 401 (also while the client IP is locked out)."""
    if limits.blocked(client):
        raise RobotError(401, "UNAUTHORIZED", "Unable to authenticate: too many failed login "
                         "attempts, blocked for 10 minutes")
    scheme, _, encoded = (authorization or "").partition(" ")
    try:
        user, _, password = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        user, password = None, None
    if scheme.lower() != "basic" or user not in store.robot_users or \
            store.robot_users[user] != password:
        limits.failed_login(client)
        raise RobotError(401, "UNAUTHORIZED", "Unable to authenticate")
    return user


def endpoint_group(path):
    return {"server": "server", "ip": "ip", "reset": "reset", "failover": "failover",
            "boot": "boot", "wol": "wol"}.get(path.strip("/").split("/")[0], "other")


def dispatch(store, limits, user, http_method, path, content_type, body):
    """(status, payload, yaml?) for a path below /robot."""
    as_yaml = path.endswith(".yaml")
    path = path[:-5] if as_yaml else path
    group = endpoint_group(path)
    limit = limits.over_limit(user, group)
    if limit is not None:
        raise RobotError(403, "RATE_LIMIT_EXCEEDED", "rate limit exceeded", max_request=limit,
                         interval=3600)
    form = parse_form(http_method, content_type, body)
    with store.lock:
        status, payload = route(store, http_method, path, form)
    return status, payload, as_yaml


def parse_form(http_method, content_type, body):
    if http_method not in ("POST", "PUT") or not body:
        return {}
    if "json" in content_type or body.lstrip()[:1] in (b"{", b"["):
        raise RobotError(400, "INVALID_INPUT", "invalid input: expected form-encoded parameters",
                         missing=None, invalid=["body"])
    return {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
            .items()}


def find_server(store, key):
    for server in store.robot_servers.values():
        if str(server["server_number"]) == key or server["server_ip"] == key:
            return server
    raise RobotError(404, "SERVER_NOT_FOUND", "Server not found")


def listed(server):
    return {field: server[field] for field in LIST_FIELDS}


def detailed(server):
    return {**listed(server), **{flag: server[flag] for flag in DETAIL_FLAGS},
            "linked_storagebox": server["linked_storagebox"]}


def route(store, http_method, path, form):
    match = re.fullmatch(r"/server(?:/([^/]+))?", path)
    if match:
        if match.group(1) is None and http_method == "GET":
            if not store.robot_servers:
                raise RobotError(404, "SERVER_NOT_FOUND", "No server found")
            return 200, [{"server": listed(s)} for s in
                         sorted(store.robot_servers.values(), key=lambda s: s["server_number"])]
        if match.group(1) is not None and http_method == "GET":
            return 200, {"server": detailed(find_server(store, match.group(1)))}
        if match.group(1) is not None and http_method == "POST":
            server = find_server(store, match.group(1))
            if "server_name" not in form:
                raise RobotError(400, "INVALID_INPUT", "invalid input", missing=["server_name"],
                                 invalid=None)
            server["server_name"] = form["server_name"]
            return 200, {"server": detailed(server)}
    match = re.fullmatch(r"/ip(?:/([^/]+))?", path)
    if match and http_method == "GET":
        return ip_answer(store, match.group(1), form)
    raise RobotError(404, "NOT_FOUND", "Not found")


def ip_entries(store):
    for server in sorted(store.robot_servers.values(), key=lambda s: s["server_number"]):
        for address in server["ip"]:
            yield {"ip": address, "server_ip": server["server_ip"],
                   "server_number": server["server_number"], "locked": False,
                   "separate_mac": None, "traffic_warnings": False, "traffic_hourly": 50,
                   "traffic_daily": 50, "traffic_monthly": 8}


def ip_answer(store, address, form):
    entries = list(ip_entries(store))
    if address is None:
        if not entries:
            raise RobotError(404, "NOT_FOUND", "No IP found")
        return 200, [{"ip": e} for e in entries]
    for entry in entries:
        if entry["ip"] == address:
            network = ipaddress.ip_network(f"{address}/26", strict=False)
            return 200, {"ip": {**entry, "gateway": str(network.network_address + 1), "mask": 26,
                                "broadcast": str(network.broadcast_address)}}
    raise RobotError(404, "IP_NOT_FOUND", "IP not found")


def to_yaml(value, indent=0):
    """A small YAML rendering for the `.yaml` suffix (maps, lists, scalars)."""
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        return "\n".join(f"{pad}-\n{to_yaml(item, indent + 1)}" if isinstance(item, (dict, list))
                         else f"{pad}- {scalar(item)}" for item in value)
    return f"{pad}{scalar(value)}"


def scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    if isinstance(value, str):
        return f"'{value}'" if not value or re.search(r"[:#\s]", value) else value
    return str(value)
