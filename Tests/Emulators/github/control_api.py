"""The emulator's own JSON API under /_emulator/, for tests: seed, settings, faults, call log.

Answers are JSON; a bad request gets HTTP 400 with {"error": "..."}. Tokens are accepted when
seeding but never returned.
"""

import json
import urllib.parse


def handle(emulator, http_method, path, query, body):
    """Returns (HTTP status, JSON value)."""
    route = ROUTES.get((http_method, path))
    if route is None:
        known = sorted({p for _, p in ROUTES})
        return 404, {"error": f"{http_method} {path}: unknown control endpoint", "known": known}
    try:
        document = json.loads(body) if body.strip() else {}
        if not isinstance(document, dict):
            raise ValueError("expected a JSON object")
        return 200, route(emulator, document, urllib.parse.parse_qs(query))
    except (ValueError, KeyError, TypeError) as error:
        return 400, {"error": f"{path}: {error}"}


def health(emulator, document, query):
    return {"ok": True, "listeners": dict(emulator.listeners)}


def reset(emulator, document, query):
    emulator.reset()
    return {"ok": True}


def seed(emulator, document, query):
    """Body: {"tokens": [...], "orgs": [...], "repos": [...]} (see README.md)."""
    with emulator.store.lock:
        return {"ok": True, "repos": emulator.store.seed(document)}


def state(emulator, document, query):
    with emulator.store.lock:
        result = emulator.store.state()
    result["settings"] = emulator.settings.to_json()
    result["faults"] = emulator.faults.to_json()
    return result


def get_settings(emulator, document, query):
    return emulator.settings.to_json()


def set_settings(emulator, document, query):
    emulator.settings.apply(document)
    if {"rate_limit", "rate_window"} & set(document):
        emulator.limiter.reset()  # a new limit starts a fresh window
    return emulator.settings.to_json()


def list_faults(emulator, document, query):
    return {"faults": emulator.faults.to_json()}


def add_faults(emulator, document, query):
    """Body: one fault object, or {"faults": [...]}."""
    specs = document.get("faults", [document])
    return {"faults": [emulator.faults.add(spec).to_json() for spec in specs]}


def clear_faults(emulator, document, query):
    emulator.faults.clear()
    return {"ok": True}


def calls(emulator, document, query):
    return emulator.calls.query(int(query.get("since", ["0"])[0]),
                                query.get("endpoint", [None])[0], query.get("path", [None])[0])


def clear_calls(emulator, document, query):
    emulator.calls.clear()
    return {"ok": True}


ROUTES = {
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
}
