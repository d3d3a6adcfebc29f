"""Dispatch for an emulator's JSON control API under /_emulator/."""

import json
import urllib.parse


def list_faults(emulator, document, query):
    return {"faults": emulator.faults.to_json()}


def add_faults(emulator, document, query):
    """Body: one fault object, or {"faults": [...]}."""
    specs = document.get("faults", [document])
    return {"faults": [emulator.faults.add(spec).to_json() for spec in specs]}


def clear_faults(emulator, document, query):
    emulator.faults.clear()
    return {"ok": True}


def clear_calls(emulator, document, query):
    emulator.calls.clear()
    return {"ok": True}


# Routes every emulator has, for an `emulator` with `faults` (FaultQueue) and `calls` (CallLog).
FAULT_AND_CALL_ROUTES = {
    ("GET", "/_emulator/faults"): list_faults,
    ("POST", "/_emulator/faults"): add_faults,
    ("DELETE", "/_emulator/faults"): clear_faults,
    ("DELETE", "/_emulator/calls"): clear_calls,
}


def handle(routes, emulator, http_method, path, query, body, lock=None, known_with_methods=False):
    """Returns (HTTP status, JSON value). `routes` maps (method, path) to
    handler(emulator, document, query); a handler's ValueError/KeyError/TypeError is a 400.
    With `lock` the handler runs holding it. A 404 lists the known paths, or with
    `known_with_methods` each "METHOD path" (the Hetzner emulator always answered so)."""
    route = routes.get((http_method, path))
    if route is None:
        known = sorted(f"{m} {p}" for m, p in routes) if known_with_methods else \
            sorted({p for _, p in routes})
        return 404, {"error": f"{http_method} {path}: unknown control endpoint", "known": known}
    try:
        document = json.loads(body) if body.strip() else {}
        if not isinstance(document, dict):
            raise ValueError("expected a JSON object")
        if lock is None:
            return 200, route(emulator, document, urllib.parse.parse_qs(query))
        with lock:
            return 200, route(emulator, document, urllib.parse.parse_qs(query))
    except (ValueError, KeyError, TypeError) as error:
        return 400, {"error": f"{path}: {error}"}
