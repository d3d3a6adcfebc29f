"""Images: system images from the seed, snapshots and backups made by create_image."""

import listing
from actions import iso
from cloud_errors import invalid_input, protected

IMAGE_TYPES = ("system", "app", "snapshot", "backup")


def seed_image(store, project, spec):
    """{"name", "type": "system"|"snapshot"|..., "description", "labels", ...}."""
    image_type = spec.get("type", "system")
    if image_type not in IMAGE_TYPES:
        raise ValueError(f"image type must be one of {', '.join(IMAGE_TYPES)}")
    image_id = store.allocate("image", spec.get("id"))
    project.images[image_id] = {
        "id": image_id, "type": image_type, "status": spec.get("status", "available"),
        "name": spec.get("name") if image_type in ("system", "app") else None,
        "description": spec.get("description", spec.get("name", "")),
        "image_size": spec.get("image_size", None if image_type == "system" else 2.3),
        "disk_size": spec.get("disk_size", 10), "created": float(spec.get("created", store.clock())),
        "created_from": spec.get("created_from"), "bound_to": spec.get("bound_to"),
        "os_flavor": spec.get("os_flavor", "ubuntu"), "os_version": spec.get("os_version"),
        "labels": dict(spec.get("labels", {})),
        "protection": {"delete": bool(spec.get("protection", {}).get("delete", False))},
        "architecture": spec.get("architecture", "x86")}
    return image_id


def image_json(image):
    return {"id": image["id"], "type": image["type"], "status": image["status"],
            "name": image["name"], "description": image["description"],
            "image_size": image["image_size"], "disk_size": image["disk_size"],
            "created": iso(image["created"]), "created_from": image["created_from"],
            "bound_to": image["bound_to"], "os_flavor": image["os_flavor"],
            "os_version": image["os_version"], "rapid_deploy": False,
            "protection": dict(image["protection"]), "deprecated": None, "deleted": None,
            "labels": dict(image["labels"]), "architecture": image["architecture"]}


def create_image(ctx, server, body):
    image_type = body.get("type", "snapshot")
    if image_type not in ("snapshot", "backup"):
        raise invalid_input({"type": ["type must be snapshot or backup"]})
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        raise invalid_input({"description": ["description must be a string"]})
    labels = listing.validate_labels(body.get("labels"))
    store, project = ctx.store, ctx.project
    image_id = store.allocate("image")
    created = store.clock()
    project.images[image_id] = {
        "id": image_id, "type": image_type, "status": "creating", "name": None,
        "description": description if description is not None
        else f"{server['name']}-{iso(created)[:19].replace(':', '')}",
        "image_size": None, "disk_size": 40, "created": created,
        "created_from": {"id": server["id"], "name": server["name"]},
        "bound_to": server["id"] if image_type == "backup" else None,
        "os_flavor": "ubuntu", "os_version": None, "labels": labels,
        "protection": {"delete": False}, "architecture": "x86"}
    image = project.images[image_id]

    def available():
        image["status"] = "available"
        image["image_size"] = 2.3

    def failed():  # a failed snapshot leaves nothing behind
        project.images.pop(image_id, None)

    action = store.start_action(project, "create_image", [("server", server["id"])],
                                on_success=available, on_error=failed)
    return 201, {"image": image_json(image), "action": store.action_json(action)}


def image_by_path(ctx, image_id):
    return listing.by_id(ctx.project.images, image_id, "image")


def list_images(ctx):
    items = [image_json(i) for i in ctx.project.images.values()]
    items = listing.filter_items(items, ctx.query, {
        "type": lambda i: i["type"], "status": lambda i: i["status"],
        "bound_to": lambda i: i["bound_to"], "architecture": lambda i: i["architecture"]})
    return ctx.page(listing.sort_items(items, ctx.query), "images")


def get_image(ctx, image_id):
    return 200, {"image": image_json(image_by_path(ctx, image_id))}


def update_image(ctx, image_id):
    image = image_by_path(ctx, image_id)
    body = ctx.json_object()
    if image["type"] not in ("snapshot", "backup"):
        raise invalid_input({"id": ["only snapshots and backups can be updated"]})
    if "type" in body:
        if body["type"] != "snapshot":
            raise invalid_input({"type": ["type can only be changed to snapshot"]})
        image["type"], image["bound_to"] = "snapshot", None
    if "description" in body:
        image["description"] = str(body["description"])
    if "labels" in body:
        image["labels"] = listing.validate_labels(body["labels"])
    return 200, {"image": image_json(image)}


def delete_image(ctx, image_id):
    image = image_by_path(ctx, image_id)
    if image["type"] in ("system", "app"):
        raise invalid_input({"id": ["system images cannot be deleted"]})
    if image["protection"]["delete"]:
        raise protected("image")
    ctx.store.ensure_unlocked(ctx.project, "image", image["id"])
    del ctx.project.images[image["id"]]
    return 204, None
