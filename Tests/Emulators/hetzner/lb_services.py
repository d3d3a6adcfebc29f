"""Load balancer services: the add_service body with the API's defaults, partial updates
through update_service, and their validation. A service is identified by its listen_port."""

import copy

from cloud_errors import ApiError, invalid_input

PROTOCOLS = ("tcp", "http", "https")
DEFAULT_PORTS = {"http": (80, 80), "https": (443, 80)}
DEFAULT_STATUS_CODES = ["2??", "3??"]


def is_port(value):
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535


def default_http(protocol):
    if protocol == "tcp":
        return None
    return {"cookie_name": "HCLBSTICKY", "cookie_lifetime": 300, "certificates": [],
            "redirect_http": False, "sticky_sessions": False, "timeout_idle": 60}


def default_health_check(protocol, destination_port):
    check = {"protocol": "tcp" if protocol == "tcp" else "http", "port": destination_port,
             "interval": 15, "timeout": 10, "retries": 3, "http": None}
    if check["protocol"] == "http":
        check["http"] = default_health_http(protocol)
    return check


def default_health_http(protocol="http"):
    return {"domain": None, "path": "/", "response": "", "status_codes": list(DEFAULT_STATUS_CODES),
            "tls": False}


def build_service(body, certificates, max_certificates):
    """A complete service from an add_service body; raises invalid_input on bad fields."""
    if not isinstance(body, dict):
        raise invalid_input({"service": ["service must be an object"]})
    protocol = body.get("protocol")
    if protocol not in PROTOCOLS:
        raise invalid_input({"protocol": ["protocol must be one of tcp, http, https"]})
    listen_default, destination_default = DEFAULT_PORTS.get(protocol, (None, None))
    listen_port = body.get("listen_port", listen_default)
    destination_port = body.get("destination_port", destination_default)
    problems = {}
    if not is_port(listen_port):
        problems["listen_port"] = ["listen_port must be a port between 1 and 65535"]
    if not is_port(destination_port):
        problems["destination_port"] = ["destination_port must be a port between 1 and 65535"]
    if problems:
        raise invalid_input(problems)
    service = {"protocol": protocol, "listen_port": listen_port,
               "destination_port": destination_port,
               "proxyprotocol": bool(body.get("proxyprotocol", False)),
               "http": default_http(protocol),
               "health_check": default_health_check(protocol, destination_port)}
    apply_http(service, body.get("http"), certificates, max_certificates)
    apply_health_check(service, body.get("health_check"))
    return service


def update_service(service, body, certificates, max_certificates):
    """A copy of `service` with the partial update applied (listen_port stays the identity)."""
    updated = copy.deepcopy(service)
    if "protocol" in body:
        if body["protocol"] not in PROTOCOLS:
            raise invalid_input({"protocol": ["protocol must be one of tcp, http, https"]})
        if body["protocol"] != updated["protocol"]:
            updated["protocol"] = body["protocol"]
            updated["http"] = default_http(body["protocol"]) if updated["http"] is None or \
                body["protocol"] == "tcp" else updated["http"]
    if "destination_port" in body:
        if not is_port(body["destination_port"]):
            raise invalid_input({"destination_port": ["destination_port must be a port "
                                                      "between 1 and 65535"]})
        updated["destination_port"] = body["destination_port"]
    if "proxyprotocol" in body:
        updated["proxyprotocol"] = bool(body["proxyprotocol"])
    apply_http(updated, body.get("http"), certificates, max_certificates)
    apply_health_check(updated, body.get("health_check"))
    return updated


def apply_http(service, http, certificates, max_certificates):
    if http is None:
        return
    if service["protocol"] == "tcp":
        raise invalid_input({"http": ["http settings are only allowed for http and https"]})
    if not isinstance(http, dict):
        raise invalid_input({"http": ["http must be an object"]})
    target = service["http"]
    for key, kind in (("cookie_name", str), ("cookie_lifetime", int), ("redirect_http", bool),
                      ("sticky_sessions", bool), ("timeout_idle", int)):
        if key in http and http[key] is not None:
            if not isinstance(http[key], kind):
                raise invalid_input({f"http.{key}": [f"{key} has the wrong type"]})
            target[key] = http[key]
    if "timeout_idle" in http and http["timeout_idle"] is not None \
            and not 30 <= http["timeout_idle"] <= 300:
        raise invalid_input({"http.timeout_idle": ["timeout_idle must be between 30 and 300"]})
    if target.get("redirect_http") and service["protocol"] != "https":
        raise invalid_input({"http.redirect_http": ["redirect_http is only allowed for https"]})
    if "certificates" in http and http["certificates"] is not None:
        wanted = http["certificates"]
        if not isinstance(wanted, list) or any(c not in certificates for c in wanted):
            raise invalid_input({"http.certificates": ["unknown certificate"]})
        if len(wanted) > max_certificates:
            raise ApiError("resource_limit_exceeded", "too many certificates for this load "
                           "balancer type", {"limits": [{"name": "max_assigned_certificates"}]})
        target["certificates"] = list(wanted)
    if service["protocol"] == "https" and not target["certificates"]:
        raise invalid_input({"http.certificates": ["https services need at least one "
                                                   "certificate"]})


def apply_health_check(service, update):
    if update is None:
        return
    if not isinstance(update, dict):
        raise invalid_input({"health_check": ["health_check must be an object"]})
    check = service["health_check"]
    if "protocol" in update:
        if update["protocol"] not in ("tcp", "http"):
            raise invalid_input({"health_check.protocol": ["protocol must be tcp or http"]})
        check["protocol"] = update["protocol"]
    for key in ("port", "interval", "timeout", "retries"):
        if key in update and update[key] is not None:
            value = update[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < (
                    0 if key == "retries" else 1):
                raise invalid_input({f"health_check.{key}": [f"{key} must be a positive integer"]})
            check[key] = value
    if check["timeout"] > check["interval"]:
        raise invalid_input({"health_check": ["timeout must not be greater than interval"]})
    if check["protocol"] == "tcp":
        check["http"] = None
        return
    check["http"] = check["http"] or default_health_http()
    http = update.get("http") or {}
    for key in ("domain", "path", "response"):
        if key in http:
            check["http"][key] = http[key]
    if "tls" in http and http["tls"] is not None:
        check["http"]["tls"] = bool(http["tls"])
    if "status_codes" in http and http["status_codes"] is not None:
        codes = http["status_codes"]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise invalid_input({"health_check.http.status_codes": [
                "status_codes must be an array of strings"]})
        check["http"]["status_codes"] = list(codes)
