"""Turns an HTTP request into CloudNS parameters, the way the real API accepts them.

Supported styles (all seen working against api.cloudns.net): GET with a query string, POST with
the parameters in the query string and an empty body, POST form-urlencoded, POST JSON. Body
parameters win over query parameters, like PHP's $_REQUEST. `key[]` parameters become lists.
"""

import json
import re
import urllib.parse

METHOD_PATH = re.compile(r"^/dns/([a-z0-9-]+)\.json$")
IDENTITY_AND_SECRET_KEYS = ("auth-id", "sub-auth-id", "sub-auth-user", "auth-password")


def method_name(path):
    """The CloudNS method addressed by a URL path, or None."""
    if path == "/login/login.json":  # the newer documented path of login
        return "login"
    match = METHOD_PATH.match(path)
    return match.group(1) if match else None


def parse_pairs(pairs):
    params = {}
    for key, value in pairs:
        if key.endswith("[]"):
            params.setdefault(key[:-2], [])
            if isinstance(params[key[:-2]], list):
                params[key[:-2]].append(value)
        else:
            params[key] = value  # the last occurrence wins, as in PHP
    return params


def as_parameter(value):
    """A JSON value as the string CloudNS would see (JSON numbers are accepted)."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [as_parameter(v) for v in value]
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def parse_request(http_method, raw_query, content_type, body):
    """Returns (style, params) where style names the request style for the call log."""
    params = parse_pairs(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
    if http_method == "GET":
        return "GET query", params
    media_type = content_type.split(";")[0].strip().lower()
    if not body.strip():
        return "POST query", params
    if media_type == "application/x-www-form-urlencoded":
        pairs = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        params.update(parse_pairs(pairs))
        return "POST form", params
    if media_type == "application/json":
        try:
            document = json.loads(body)
        except ValueError:
            return "POST JSON (invalid)", params
        if isinstance(document, dict):
            params.update({str(k): as_parameter(v) for k, v in document.items()})
        return "POST JSON", params
    return f"POST {media_type or 'without content type'} (ignored)", params


def loggable(params):
    """Parameters fit for the call log: identity values and the password removed."""
    return {k: v for k, v in params.items() if k not in IDENTITY_AND_SECRET_KEYS}
