"""The emulator's own JSON API under /_emulator/, for tests: seed, state, settings, faults,
call log, scripted target health, and changes made behind a tool's back.

A bad request gets HTTP 400 with {"error": "..."}. Tokens and passwords are accepted when
seeding but never returned."""

from cloud_certificates import certificate_json
from cloud_images import image_json
from cloud_networks import network_json
from cloud_servers import SERVER_STATUSES, server_json
from emulator_kit import control_dispatch
from lb_model import load_balancer_json
from seeding import apply_seed

HEALTH_STATUSES = ("healthy", "unhealthy", "unknown")


def handle(emulator, http_method, path, query, body):
    """Returns (HTTP status, JSON value); every endpoint runs holding the store's lock."""
    return control_dispatch.handle(ROUTES, emulator, http_method, path, query, body,
                                   lock=emulator.store.lock, known_with_methods=True)


def health(emulator, document, query):
    return {"ok": True}


def seed(emulator, document, query):
    return {"ok": True, "ids": apply_seed(emulator.store, document)}


def state(emulator, document, query):
    store = emulator.store
    store.settle()
    projects = {}
    for project in store.all_projects():
        projects[project.name] = {
            "servers": [server_json(store, project, s) for s in project.servers.values()],
            "load_balancers": [load_balancer_json(store, project, lb)
                               for lb in project.load_balancers.values()],
            "networks": [network_json(project, n) for n in project.networks.values()],
            "certificates": [certificate_json(project, c) for c in project.certificates.values()],
            "images": [image_json(i) for i in project.images.values()],
            "actions": [store.action_json(a) for a in project.actions.actions.values()],
            "tokens": sum(1 for name, _ in store.tokens.values() if name == project.name)}
    return {"projects": projects,
            "robot": {"users": sorted(store.robot_users),
                      "servers": [dict(s) for s in store.robot_servers.values()]},
            "health": [{"load_balancer": lb, "target": key, "listen_port": port, "status": status}
                       for (lb, key, port), status in store.health.items()]}


def get_settings(emulator, document, query):
    return emulator.store.settings.to_json()


def set_settings(emulator, document, query):
    emulator.store.settings.apply(document)
    return emulator.store.settings.to_json()


def find_project_item(emulator, document, collection, key_field):
    store = emulator.store
    project = store.projects.get(document.get("project", "default"))
    if project is None:
        raise ValueError(f"unknown project {document.get('project', 'default')!r}")
    key = document[key_field]
    for item in getattr(project, collection).values():
        if str(item["id"]) == str(key) or item["name"] == key:
            return project, item
    raise ValueError(f"{key_field} {key!r} not found")


def target_key(project, target):
    """A server id or name, "ip:ADDRESS", or a bare IP address."""
    if isinstance(target, int):
        return f"server:{target}"
    if target.startswith(("server:", "ip:")):
        kind, _, value = target.partition(":")
        if kind == "server" and not value.isdigit():
            target = value
        else:
            return target
    for server in project.servers.values():
        if server["name"] == target:
            return f"server:{server['id']}"
    if target.replace(".", "").isdigit() or ":" in target:
        return f"ip:{target}"
    raise ValueError(f"target {target!r}: no such server")


def script_health(emulator, document, query):
    """{"load_balancer": id|name, "target": server id|name|"ip:ADDR", "listen_port": N (omit
    for every port), "status": healthy|unhealthy|unknown|null (null = back to derived)}."""
    project, lb = find_project_item(emulator, {**document, "load_balancer": document.get(
        "load_balancer", document.get("lb"))}, "load_balancers", "load_balancer")
    key = target_key(project, document["target"])
    status = document.get("status")
    entry = (lb["id"], key, document.get("listen_port"))
    if status is None:
        emulator.store.health.pop(entry, None)
    elif status not in HEALTH_STATUSES:
        raise ValueError(f"status must be one of {', '.join(HEALTH_STATUSES)} or null")
    else:
        emulator.store.health[entry] = status
    return {"ok": True, "target": key}


def change_server(emulator, document, query):
    """Behind the tool's back: {"server": id|name, "status", "labels", "delete": true}."""
    project, server = find_project_item(emulator, document, "servers", "server")
    if document.get("delete"):
        del project.servers[server["id"]]
        return {"ok": True, "deleted": server["id"]}
    if "status" in document:
        if document["status"] not in SERVER_STATUSES:
            raise ValueError(f"status must be one of {', '.join(SERVER_STATUSES)}")
        server["status"] = document["status"]
    if "labels" in document:
        server["labels"] = dict(document["labels"])
    return {"ok": True, "server": server_json(emulator.store, project, server)}


def finish_actions(emulator, document, query):
    """Ends every running action now (successfully, or as its fault says)."""
    store = emulator.store
    finished = 0
    for project in store.all_projects():
        for action in list(project.actions.actions.values()):
            if action.finished is None:
                project.actions.finish(action, store.clock())
                finished += 1
    return {"ok": True, "finished": finished}


ROUTES = control_dispatch.routes(
    health, seed, state, get_settings, set_settings,
    control_dispatch.calls_endpoint("api", path_glob=True),
    extra={("POST", "/_emulator/health"): script_health,
           ("POST", "/_emulator/target-health"): script_health,
           ("POST", "/_emulator/server"): change_server,
           ("POST", "/_emulator/actions/finish"): finish_actions})
