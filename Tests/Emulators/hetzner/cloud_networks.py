"""Networks (read side plus seeding) and the catalogue reads: locations, LB types."""

import ipaddress

import catalog
import listing
from actions import iso
from cloud_errors import ApiError


def seed_network(store, project, spec):
    """{"name", "ip_range": "10.0.0.0/16", "subnets": [{"ip_range", "network_zone", "type"}],
    "labels"}; without subnets one cloud subnet covering the first /24 in eu-central."""
    network_id = store.allocate("network", spec.get("id"))
    ip_range = ipaddress.ip_network(spec.get("ip_range", "10.0.0.0/16"))
    subnets = spec.get("subnets") or [{"ip_range": str(next(ip_range.subnets(new_prefix=24))),
                                       "network_zone": "eu-central"}]
    project.networks[network_id] = {
        "id": network_id, "name": spec["name"], "ip_range": str(ip_range),
        "subnets": [{"type": s.get("type", "cloud"), "ip_range": s["ip_range"],
                     "network_zone": s.get("network_zone", "eu-central"),
                     "gateway": str(next(ip_range.hosts())), "vswitch_id": s.get("vswitch_id")}
                    for s in subnets],
        "routes": list(spec.get("routes", [])), "labels": dict(spec.get("labels", {})),
        "protection": {"delete": False}, "created": float(spec.get("created", store.clock()))}
    return network_id


def network_json(project, network):
    return {"id": network["id"], "name": network["name"], "ip_range": network["ip_range"],
            "subnets": [dict(s) for s in network["subnets"]],
            "routes": [dict(r) for r in network["routes"]],
            "servers": sorted(s["id"] for s in project.servers.values()
                              if any(p["network"] == network["id"] for p in s["private_net"])),
            "load_balancers": sorted(lb["id"] for lb in project.load_balancers.values()
                                     if any(p["network"] == network["id"]
                                            for p in lb["private_net"])),
            "protection": dict(network["protection"]), "labels": dict(network["labels"]),
            "created": iso(network["created"]), "expose_routes_to_vswitch": False}


def used_private_ips(project, network_id):
    used = set()
    for holder in list(project.servers.values()) + list(project.load_balancers.values()):
        for attachment in holder["private_net"]:
            if attachment["network"] == network_id:
                used.add(attachment["ip"])
                used.update(attachment.get("alias_ips", []))
    return used


def allocate_private_ip(project, network, network_zone, wanted=None, ip_range=None):
    """A free address from a subnet in `network_zone` (or the given one)."""
    used = used_private_ips(project, network["id"])
    subnets = [s for s in network["subnets"] if s["network_zone"] == network_zone
               and (ip_range is None or s["ip_range"] == ip_range)]
    if not subnets:
        raise ApiError("no_subnet_available", "no subnet available in the network zone of "
                       "the load balancer")
    if wanted is not None:
        address = ipaddress.ip_address(wanted)
        if address.exploded in used or not any(address in ipaddress.ip_network(s["ip_range"])
                                               for s in subnets):
            raise ApiError("ip_not_available", f"IP {wanted} is not available")
        return str(address)
    for subnet in subnets:
        hosts = list(ipaddress.ip_network(subnet["ip_range"]).hosts())
        for address in hosts[1:]:  # the first host is the gateway
            if str(address) not in used:
                return str(address)
    raise ApiError("ip_not_available", "no free IP in the subnet")


def network_by_path(ctx, network_id):
    return listing.by_id(ctx.project.networks, network_id, "network")


def list_networks(ctx):
    items = [network_json(ctx.project, n) for n in ctx.project.networks.values()]
    items = listing.filter_items(items, ctx.query)
    return ctx.page(listing.sort_items(items, ctx.query), "networks")


def get_network(ctx, network_id):
    return 200, {"network": network_json(ctx.project, network_by_path(ctx, network_id))}


def catalogue_list(entries, root_key):
    """A list endpoint over fixed catalogue entries (filters, sort, pagination)."""
    def handler(ctx):
        items = listing.filter_items(list(entries), ctx.query)
        return ctx.page(listing.sort_items(items, ctx.query), root_key)
    return handler


def catalogue_get(entries, kind):
    def handler(ctx, entry_id):
        return 200, {kind: listing.by_id({e["id"]: e for e in entries}, entry_id, kind)}
    return handler


list_locations = catalogue_list(catalog.LOCATIONS, "locations")
get_location = catalogue_get(catalog.LOCATIONS, "location")
list_load_balancer_types = catalogue_list(catalog.LOAD_BALANCER_TYPES, "load_balancer_types")
get_load_balancer_type = catalogue_get(catalog.LOAD_BALANCER_TYPES, "load_balancer_type")
list_server_types = catalogue_list(catalog.SERVER_TYPES, "server_types")
get_server_type = catalogue_get(catalog.SERVER_TYPES, "server_type")
