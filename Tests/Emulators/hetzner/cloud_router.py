"""Hetzner Cloud API under /v1: Bearer authentication, JSON bodies, the route table."""

import json
import re

import cloud_actions
import cloud_certificates
import cloud_images
import cloud_networks
import cloud_servers
import lb_api
import listing
from cloud_errors import ApiError

RESOURCES = "(servers|load_balancers|images|networks|certificates)"


class Context:
    """One authenticated Cloud request, handed to every endpoint function."""

    def __init__(self, store, project, query, body, request_url):
        self.store = store
        self.project = project
        self.query = query
        self.body = body
        self.request_url = request_url  # scheme://host/path, for the Link header

    def json_object(self):
        if not self.body.strip():
            return {}
        try:
            document = json.loads(self.body)
        except ValueError as error:
            raise ApiError("json_error", f"invalid JSON: {error}")
        if not isinstance(document, dict):
            raise ApiError("json_error", "the request body must be a JSON object")
        return document

    def page(self, items, root_key):
        payload, headers = listing.paginate(items, self.query, root_key, self.request_url)
        return 200, payload, headers


ROUTES = [(method, re.compile(f"^/v1{pattern}$"), handler) for method, pattern, handler in [
    ("GET", "/servers", cloud_servers.list_servers),
    ("GET", r"/servers/(\d+)", cloud_servers.get_server),
    ("PUT", r"/servers/(\d+)", cloud_servers.update_server),
    ("DELETE", r"/servers/(\d+)", cloud_servers.delete_server),
    ("POST", r"/servers/(\d+)/actions/([a-z_]+)", cloud_servers.server_action_route),
    ("GET", "/server_types", cloud_networks.list_server_types),
    ("GET", r"/server_types/(\d+)", cloud_networks.get_server_type),
    ("GET", "/images", cloud_images.list_images),
    ("GET", r"/images/(\d+)", cloud_images.get_image),
    ("PUT", r"/images/(\d+)", cloud_images.update_image),
    ("DELETE", r"/images/(\d+)", cloud_images.delete_image),
    ("GET", "/load_balancers", lb_api.list_load_balancers),
    ("POST", "/load_balancers", lb_api.create_load_balancer),
    ("GET", r"/load_balancers/(\d+)", lb_api.get_load_balancer),
    ("PUT", r"/load_balancers/(\d+)", lb_api.update_load_balancer),
    ("DELETE", r"/load_balancers/(\d+)", lb_api.delete_load_balancer),
    ("POST", r"/load_balancers/(\d+)/actions/([a-z_]+)", lb_api.load_balancer_action),
    ("GET", "/load_balancer_types", cloud_networks.list_load_balancer_types),
    ("GET", r"/load_balancer_types/(\d+)", cloud_networks.get_load_balancer_type),
    ("GET", "/locations", cloud_networks.list_locations),
    ("GET", r"/locations/(\d+)", cloud_networks.get_location),
    ("GET", "/networks", cloud_networks.list_networks),
    ("GET", r"/networks/(\d+)", cloud_networks.get_network),
    ("GET", "/certificates", cloud_certificates.list_certificates),
    ("POST", "/certificates", cloud_certificates.create_certificate),
    ("GET", r"/certificates/(\d+)", cloud_certificates.get_certificate),
    ("PUT", r"/certificates/(\d+)", cloud_certificates.update_certificate),
    ("DELETE", r"/certificates/(\d+)", cloud_certificates.delete_certificate),
    ("GET", "/actions", cloud_actions.list_actions),
    ("GET", r"/actions/(\d+)", cloud_actions.get_action),
    ("GET", f"/{RESOURCES}/actions", cloud_actions.list_resource_type_actions),
    ("GET", rf"/{RESOURCES}/actions/(\d+)", cloud_actions.get_resource_type_action),
    ("GET", rf"/{RESOURCES}/(\d+)/actions", cloud_actions.list_resource_actions),
]]


def authenticate(store, authorization):
    """(project name, read_only) for a valid Bearer token, else 401 unauthorized."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token.strip() not in store.tokens:
        raise ApiError("unauthorized", "unable to authenticate")
    return store.tokens[token.strip()]


def dispatch(store, http_method, path, query, body, identity, request_url):
    """Returns (status, payload or None, headers). `identity` is authenticate()'s answer."""
    project_name, read_only = identity
    if read_only and http_method != "GET":
        raise ApiError("token_readonly", "the token is read-only")
    for method, pattern, handler in ROUTES:
        match = pattern.match(path)
        if match and method == http_method:
            with store.lock:
                store.settle()
                context = Context(store, store.project(project_name), query, body, request_url)
                result = handler(context, *match.groups())
                store.settle()
            return result if len(result) == 3 else (result[0], result[1], {})
    raise ApiError("not_found", "not found")
