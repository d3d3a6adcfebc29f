"""Dispatch for an emulator's JSON control API under /_emulator/."""

import fnmatch
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


def calls_endpoint(field, path_glob=False):
    """GET /_emulator/calls: `?since=SEQ&FIELD=VALUE`, with `path_glob` also `&path=GLOB`, all
    optional."""
    def calls(emulator, document, query):
        value = query.get(field, [None])[0]
        path = query.get("path", [None])[0] if path_glob else None
        return emulator.calls.query(
            int(query.get("since", ["0"])[0]),
            lambda e: ((value is None or e[field] == value)
                       and (path is None or fnmatch.fnmatchcase(e["path"], path))))
    return calls


def clear_calls(emulator, document, query):
    emulator.calls.clear()
    return {"ok": True}


def reset(emulator, document, query):
    emulator.reset()
    return {"ok": True}


def routes(health, seed, state, get_settings, set_settings, calls, extra=None):
    """The control endpoints every emulator has, for an `emulator` with `reset()`, `faults`
    (FaultQueue) and `calls` (CallLog), with its own handlers for the emulator-specific ones;
    `extra` maps further (method, path) keys to handlers."""
    return {
        ("GET", "/_emulator/health"): health,
        ("POST", "/_emulator/reset"): reset,
        ("POST", "/_emulator/seed"): seed,
        ("GET", "/_emulator/state"): state,
        ("GET", "/_emulator/settings"): get_settings,
        ("POST", "/_emulator/settings"): set_settings,
        ("GET", "/_emulator/faults"): list_faults,
        ("POST", "/_emulator/faults"): add_faults,
        ("DELETE", "/_emulator/faults"): clear_faults,
        ("GET", "/_emulator/calls"): calls,
        ("DELETE", "/_emulator/calls"): clear_calls,
        **(extra or {}),
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
