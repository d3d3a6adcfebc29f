"""Cloud servers: seeding, the server object, list/get/update/delete and a few actions
(create_image, power, protection). Snapshots made here live in cloud_images.py."""

import catalog
import listing
from actions import iso
from cloud_images import create_image, image_json
from cloud_errors import ApiError, invalid_input, not_found, protected
from project_store import SERVER_IPV4_POOLS, location_or_default

SERVER_STATUSES = ("running", "initializing", "starting", "stopping", "off", "deleting",
                   "migrating", "rebuilding", "unknown")


def seed_server(store, project, spec):
    """A server from a seed entry: {"name", "status", "server_type", "location", "ipv4"
    (string, null for none, absent = allocate), "ipv6", "labels", "private_net", ...}."""
    name = spec["name"]
    if any(s["name"] == name for s in project.servers.values()):
        raise ValueError(f"server name {name!r} seeded twice")
    if spec.get("status", "running") not in SERVER_STATUSES:
        raise ValueError(f"server {name}: status must be one of {', '.join(SERVER_STATUSES)}")
    server_type = catalog.find(catalog.SERVER_TYPES, spec.get("server_type", "cx22"))
    location = location_or_default(spec.get("location"))
    if server_type is None or location is None:
        raise ValueError(f"server {name}: unknown server_type or location")
    server_id = store.allocate("server", spec.get("id"))
    ipv4 = spec["ipv4"] if "ipv4" in spec else store.allocate_ipv4(SERVER_IPV4_POOLS)
    if ipv4:
        store.used_ipv4.add(ipv4)
    ipv6 = spec["ipv6"] if "ipv6" in spec else store.allocate_ipv6("server")
    private_net = []
    for attachment in spec.get("private_net", []):
        network = find_network(project, attachment["network"])
        if network is None:
            raise ValueError(f"server {name}: unknown network {attachment['network']!r}")
        private_net.append({"network": network["id"], "ip": attachment["ip"],
                            "alias_ips": attachment.get("alias_ips", []),
                            "mac_address": f"86:00:00:{server_id >> 16 & 255:02x}:"
                                           f"{server_id >> 8 & 255:02x}:{server_id & 255:02x}"})
    project.servers[server_id] = {
        "id": server_id, "name": name, "status": spec.get("status", "running"),
        "created": float(spec.get("created", store.clock())), "labels": dict(spec.get("labels", {})),
        "server_type": server_type["name"], "location": location["name"], "ipv4": ipv4,
        "ipv4_id": store.allocate("primary_ip") if ipv4 else None, "ipv6": ipv6,
        "ipv6_id": store.allocate("primary_ip") if ipv6 else None, "private_net": private_net,
        "protection": {"delete": bool(spec.get("protection", {}).get("delete", False)),
                       "rebuild": bool(spec.get("protection", {}).get("rebuild", False))},
        "image": spec.get("image", "ubuntu-24.04")}
    return server_id


def find_network(project, key):
    for network in project.networks.values():
        if str(network["id"]) == str(key) or network["name"] == key:
            return network
    return None


def server_json(store, project, server):
    server_type = catalog.find(catalog.SERVER_TYPES, server["server_type"])
    location = catalog.find(catalog.LOCATIONS, server["location"])
    image = next((i for i in project.images.values() if i.get("name") == server["image"]), None)
    ipv4 = server["ipv4"]
    ipv6 = server["ipv6"]
    answer = {
        "id": server["id"], "name": server["name"], "status": server["status"],
        "created": iso(server["created"]),
        "public_net": {
            "ipv4": {"id": server["ipv4_id"], "ip": ipv4, "blocked": False,
                     "dns_ptr": f"static.{ipv4}.clients.your-server.de"} if ipv4 else None,
            "ipv6": {"id": server["ipv6_id"], "ip": ipv6, "blocked": False, "dns_ptr": []}
            if ipv6 else None,
            "floating_ips": [], "firewalls": []},
        "private_net": [dict(p) for p in server["private_net"]],
        "server_type": server_type, "location": location,
        "image": image_json(image) if image else None, "iso": None, "rescue_enabled": False, "locked": False,
        "backup_window": None, "outgoing_traffic": 0, "ingoing_traffic": 0,
        "included_traffic": 21990232555520, "protection": dict(server["protection"]),
        "labels": dict(server["labels"]), "volumes": [],
        "load_balancers": sorted(lb["id"] for lb in project.load_balancers.values()
                                 if any(t["type"] == "server" and t["server"] == server["id"]
                                        for t in lb["targets"])),
        "primary_disk_size": server_type["disk"], "placement_group": None}
    if store.settings.server_datacenter:
        answer["datacenter"] = catalog.datacenter_for(location)
    return answer


def server_by_path(ctx, server_id):
    return listing.by_id(ctx.project.servers, server_id, "server")


def list_servers(ctx):
    items = [server_json(ctx.store, ctx.project, s) for s in ctx.project.servers.values()]
    items = listing.filter_items(items, ctx.query, {"status": lambda s: s["status"]})
    return ctx.page(listing.sort_items(items, ctx.query), "servers")


def get_server(ctx, server_id):
    return 200, {"server": server_json(ctx.store, ctx.project, server_by_path(ctx, server_id))}


def update_server(ctx, server_id):
    server = server_by_path(ctx, server_id)
    listing.update_name_and_labels(server, ctx.json_object(), ctx.project.servers.values())
    return 200, {"server": server_json(ctx.store, ctx.project, server)}


def delete_server(ctx, server_id):
    server = server_by_path(ctx, server_id)
    ctx.store.ensure_unlocked(ctx.project, "server", server["id"])
    if server["protection"]["delete"]:
        raise protected("server")
    server["status"] = "deleting"
    project = ctx.project

    def gone():  # backups die with their server; snapshots survive it
        project.servers.pop(server["id"], None)
        project.images = {k: v for k, v in project.images.items()
                          if v.get("bound_to") != server["id"]}

    action = ctx.store.start_action(ctx.project, "delete_server", [("server", server["id"])],
                                    on_success=gone)
    return 200, {"action": ctx.store.action_json(action)}


def server_action(ctx, server_id, command):
    server = server_by_path(ctx, server_id)
    ctx.store.ensure_unlocked(ctx.project, "server", server["id"])
    body = ctx.json_object()
    if command == "create_image":
        return create_image(ctx, server, body)
    if command == "change_protection":
        for key in ("delete", "rebuild"):
            if key in body and not isinstance(body[key], bool):
                raise invalid_input({key: [f"{key} must be a boolean"]})
        update = {k: body[k] for k in ("delete", "rebuild") if k in body}
        apply = lambda: server["protection"].update(update)  # noqa: E731
    elif command in POWER_COMMANDS:
        final = POWER_COMMANDS[command]
        apply = lambda: server.__setitem__("status", final)  # noqa: E731
    else:
        raise not_found("action")
    action = ctx.store.start_action(ctx.project, command, [("server", server["id"])],
                                    on_success=apply)
    return 201, {"action": ctx.store.action_json(action)}


POWER_COMMANDS = {"shutdown_server": "off",
                  "reboot_server": "running", "reset_server": "running", "start_server": "running",
                  "stop_server": "off"}
PATH_COMMANDS = {"poweron": "start_server", "poweroff": "stop_server", "shutdown": "shutdown_server",
                 "reboot": "reboot_server", "reset": "reset_server",
                 "create_image": "create_image", "change_protection": "change_protection"}


def server_action_route(ctx, server_id, path_command):
    command = PATH_COMMANDS.get(path_command)
    if command is None:
        raise ApiError("not_found", f"action {path_command} not found")
    return server_action(ctx, server_id, command)

