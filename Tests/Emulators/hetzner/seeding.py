"""Applies a seed document (README.md, "Seed") to the store and reports the ids it created."""

from cloud_certificates import add_certificate
from cloud_errors import ApiError
from cloud_images import seed_image
from cloud_networks import seed_network
from cloud_servers import seed_server
from lb_model import new_load_balancer
from robot_api import seed_robot_server

PROJECT_KEYS = ("tokens", "read_only_tokens", "networks", "servers", "images", "certificates",
                "load_balancers")
SYSTEM_IMAGES = [{"name": "ubuntu-24.04", "os_flavor": "ubuntu", "os_version": "24.04"},
                 {"name": "debian-12", "os_flavor": "debian", "os_version": "12"}]


def apply_seed(store, document):
    unknown = set(document) - set(PROJECT_KEYS) - {"projects", "robot_users", "robot_servers"}
    if unknown:
        raise ValueError(f"unknown seed keys: {', '.join(sorted(unknown))}")
    created = {}
    projects = list(document.get("projects", []))
    if any(key in document for key in PROJECT_KEYS):
        projects.insert(0, {"name": "default", **{k: document[k] for k in PROJECT_KEYS
                                                   if k in document}})
    for spec in projects:
        created[spec.get("name", "default")] = seed_project(store, spec)
    for user in document.get("robot_users", []):
        store.robot_users[user["user"]] = user["password"]
    robot = [seed_robot_server(store, spec) for spec in document.get("robot_servers", [])]
    return {"projects": created, "robot_servers": robot}


def seed_project(store, spec):
    name = spec.get("name", "default")
    fresh = name not in store.projects
    project = store.project(name)
    for token in spec.get("tokens", []):
        store.tokens[token] = (name, False)
    for token in spec.get("read_only_tokens", []):
        store.tokens[token] = (name, True)
    ids = {kind: {} for kind in ("networks", "servers", "images", "certificates",
                                 "load_balancers")}
    for network in spec.get("networks", []):
        ids["networks"][network["name"]] = seed_network(store, project, network)
    for server in spec.get("servers", []):
        server = {**server, "private_net": [
            {**p, "network": ids["networks"].get(p["network"], p["network"])}
            for p in server.get("private_net", [])]}
        ids["servers"][server["name"]] = seed_server(store, project, server)
    for image in (SYSTEM_IMAGES if fresh else []) + list(spec.get("images", [])):
        image_id = seed_image(store, project, image)
        ids["images"][image.get("name") or image.get("description") or str(image_id)] = image_id
    for certificate in spec.get("certificates", []):
        try:
            ids["certificates"][certificate["name"]] = add_certificate(
                store, project, certificate, certificate.get("id"))["id"]
        except ApiError as error:
            raise ValueError(f"certificate {certificate.get('name')}: {error.message}")
    for lb in spec.get("load_balancers", []):
        ids["load_balancers"][lb["name"]] = seed_load_balancer(store, project, lb, ids)
    return ids


def seed_load_balancer(store, project, spec, ids):
    """A create body where networks, servers and certificates may also be given by name."""
    body = dict(spec)
    if isinstance(body.get("network"), str):
        body["network"] = ids["networks"].get(body["network"])
    body["targets"] = [resolve_target(target, project) for target in spec.get("targets", [])]
    body["services"] = [resolve_service(service, project) for service in spec.get("services", [])]
    try:
        lb = new_load_balancer(store, project, body, spec.get("id"))
    except ApiError as error:
        raise ValueError(f"load balancer {spec.get('name')}: {error.code}: {error.message}")
    for item in lb["services"] + lb["targets"]:
        item["known_after"] = 0.0  # seeded objects are settled
    lb["protection"]["delete"] = bool(spec.get("protection", {}).get("delete", False))
    return lb["id"]


def resolve_target(target, project):
    server = target.get("server")
    if isinstance(server, dict) and "name" in server:
        match = [s["id"] for s in project.servers.values() if s["name"] == server["name"]]
        if not match:
            raise ValueError(f"target server {server['name']!r} is not seeded")
        return {**target, "server": {"id": match[0]}}
    return target


def resolve_service(service, project):
    http = service.get("http")
    if not http or not http.get("certificates"):
        return service
    by_name = {c["name"]: c["id"] for c in project.certificates.values()}
    return {**service, "http": {**http, "certificates": [by_name.get(c, c)
                                                         for c in http["certificates"]]}}
