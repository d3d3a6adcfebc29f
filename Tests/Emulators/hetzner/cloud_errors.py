"""The Hetzner Cloud error envelope: {"error": {"code", "message", "details"}} with its status."""

# Statuses pinned by the reference ([doc] for 429, hcloud-go fixtures for the rest) and, where
# the reference marks them [inferred], the statuses chosen here; README.md lists the choices.
STATUS_OF_CODE = {
    "invalid_input": 400, "json_error": 400, "unauthorized": 401, "forbidden": 403,
    "token_readonly": 403, "protected": 403, "not_found": 404, "conflict": 409,
    "uniqueness_error": 409, "deprecated_api_endpoint": 410, "service_error": 422,
    "locked": 423, "resource_limit_exceeded": 403, "rate_limit_exceeded": 429,
    "server_error": 500, "bad_gateway": 502, "unavailable": 503, "timeout": 504,
    "maintenance": 503, "resource_unavailable": 412, "unsupported_error": 422,
}
# Load-Balancer-specific codes: the action request itself is refused, 422 as for other
# semantic refusals (not verifiable from the stored docs).
for _code in ("cloud_resource_ip_not_allowed", "ip_not_owned", "robot_unavailable",
              "load_balancer_not_attached_to_network", "server_not_attached_to_network",
              "source_port_already_used", "missing_ipv4", "target_already_defined",
              "load_balancer_already_attached", "ip_not_available", "no_subnet_available",
              "invalid_load_balancer_type", "targets_without_use_private_ip"):
    STATUS_OF_CODE[_code] = 422
STATUS_OF_CODE["load_balancer_target_not_found"] = 404


class ApiError(Exception):
    def __init__(self, code, message, details=None, status=None, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.status = status or STATUS_OF_CODE.get(code, 400)
        self.headers = headers or {}

    def payload(self):
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def envelope(code, message, details=None):
    return {"error": {"code": code, "message": message, "details": details}}


def invalid_input(fields):
    """fields: {"name": ["message", ...]} -> 400 invalid_input with details.fields."""
    names = ", ".join(f"'{name}'" for name in fields)
    return ApiError("invalid_input", f"invalid input in field{'s' if len(fields) > 1 else ''} "
                    f"{names}", {"fields": [{"name": name, "messages": messages}
                                            for name, messages in fields.items()]})


def not_found(kind, key=None):
    return ApiError("not_found", f"{kind} with ID {key} not found" if key is not None
                    else f"{kind} not found")


def uniqueness(field="name"):
    return ApiError("uniqueness_error", f"{field} is already used",
                    {"fields": [{"name": field}]})


def locked(kind):
    return ApiError("locked", f"{kind} is locked")


def protected(kind):
    return ApiError("protected", f"{kind} is delete protected")
