"""Action reads: GET /actions/{id}, GET /actions?id=.. (id mandatory since 2025-01-30), and
per resource /{resources}/{id}/actions, /{resources}/actions/{id}, /{resources}/actions?id=."""

import listing
from cloud_errors import ApiError, invalid_input, not_found

RESOURCE_TYPES = {"servers": "server", "load_balancers": "load_balancer", "images": "image",
                  "networks": "network", "certificates": "certificate"}
ACTION_SORT_FIELDS = ("id", "command", "status", "progress", "started", "finished")
HOLDERS = {"server": "servers", "load_balancer": "load_balancers", "image": "images",
           "network": "networks", "certificate": "certificates"}


def wanted_ids(ctx):
    try:
        return [int(value) for value in ctx.query.get("id", [])]
    except ValueError:
        raise invalid_input({"id": ["id must be an integer"]})


def action_list(ctx, actions):
    items = [ctx.store.action_json(a) for a in actions]
    statuses = ctx.query.get("status")
    if statuses:
        items = [a for a in items if a["status"] in statuses]
    return ctx.page(listing.sort_items(items, ctx.query, ACTION_SORT_FIELDS), "actions")


def list_actions(ctx):
    ids = wanted_ids(ctx)
    if not ids:
        raise ApiError("deprecated_api_endpoint", "listing all actions is no longer supported; "
                       "filter by id", {"announcement": "https://docs.hetzner.cloud/changelog"
                                        "#2023-07-20-actions-list-endpoint-is-deprecated"})
    return action_list(ctx, [ctx.project.actions.actions[i] for i in ids
                             if i in ctx.project.actions.actions])


def get_action(ctx, action_id):
    action = ctx.project.actions.actions.get(int(action_id))
    if action is None:
        raise not_found("action", action_id)
    return 200, {"action": ctx.store.action_json(action)}


def resource_type(plural):
    return RESOURCE_TYPES[plural]


def list_resource_type_actions(ctx, plural):
    ids = wanted_ids(ctx)
    actions = ctx.project.actions.of_type(resource_type(plural))
    if ids:
        actions = [a for a in actions if a.id in ids]
    return action_list(ctx, actions)


def get_resource_type_action(ctx, plural, action_id):
    action = ctx.project.actions.actions.get(int(action_id))
    if action is None or action not in ctx.project.actions.of_type(resource_type(plural)):
        raise not_found("action", action_id)
    return 200, {"action": ctx.store.action_json(action)}


def list_resource_actions(ctx, plural, resource_id):
    kind = resource_type(plural)
    if int(resource_id) not in getattr(ctx.project, HOLDERS[kind]):
        raise not_found(kind, resource_id)
    return action_list(ctx, ctx.project.actions.of_resource(kind, int(resource_id)))
