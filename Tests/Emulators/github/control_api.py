"""The emulator's own JSON API under /_emulator/, for tests: seed, settings, faults, call log.

Answers are JSON; a bad request gets HTTP 400 with {"error": "..."}. Tokens are accepted when
seeding but never returned.
"""

from emulator_kit import control_dispatch


def handle(emulator, http_method, path, query, body):
    """Returns (HTTP status, JSON value)."""
    return control_dispatch.handle(ROUTES, emulator, http_method, path, query, body)


def health(emulator, document, query):
    return {"ok": True, "listeners": dict(emulator.listeners)}


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


ROUTES = control_dispatch.routes(
    health, seed, state, get_settings, set_settings,
    control_dispatch.calls_endpoint("endpoint", path_glob=True))
