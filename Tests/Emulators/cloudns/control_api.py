"""The emulator's own JSON API under /_emulator/, for tests: seed, settings, faults, call log.

Answers are JSON; a bad request gets HTTP 400 with {"error": "..."}. Passwords are accepted
when seeding but never returned.
"""

from api_methods import record_json
from emulator_kit import control_dispatch


def handle(emulator, http_method, path, query, body):
    """Returns (HTTP status, JSON value)."""
    return control_dispatch.handle(ROUTES, emulator, http_method, path, query, body)


def health(emulator, document, query):
    answer = {"ok": True, "dns_mirror": emulator.mirror is not None}
    if emulator.native_route:
        proxy = emulator.native_route.get("proxy")
        answer["route"] = {"proxy": proxy.to_json() if proxy else None,
                           "dns_shim_port": emulator.native_route.get("dns_shim_port")}
    return answer


def seed(emulator, document, query):
    """Body: {"identities": [...], "zones": [...]} (see README.md); returns the new record ids."""
    store = emulator.store
    with store.lock:
        first_new_id = store.next_id
        store.seed(document)
        created = {z.name: [i for i in z.records if i >= first_new_id]
                   for z in store.zones.values()}
    return {"ok": True, "record_ids": {z: ids for z, ids in created.items() if ids}}


def state(emulator, document, query):
    store = emulator.store
    with store.lock:
        zones = [{"name": z.name, "type": z.type, "zone": z.kind, "cloud_master": z.cloud_master,
                  "group": z.group, "serial": str(z.serial), "updated": store.is_updated(z),
                  "records": [record_json(r) for r in z.records.values()]}
                 for z in sorted(store.zones.values(), key=lambda z: z.name)]
        result = {"zones": zones, "identities": store.identities_without_secrets(),
                  "next_id": store.next_id}
    if emulator.mirror:
        result["dns"] = emulator.mirror.to_json()
    return result


def get_settings(emulator, document, query):
    with emulator.store.lock:
        return emulator.store.settings.to_json()


def set_settings(emulator, document, query):
    with emulator.store.lock:
        emulator.store.settings.apply(document)
        return emulator.store.settings.to_json()


def propagate_now(emulator, document, query):
    """Marks every zone updated on every server at once and pushes pending DNS changes."""
    store = emulator.store
    with store.lock:
        for zone in store.zones.values():
            zone.changed_at = None
        if emulator.mirror:
            for _, names in list(emulator.mirror.pending.values()):
                for name in sorted(names):
                    emulator.mirror.sync(name)
            emulator.mirror.pending.clear()
    return {"ok": True}


def dns_resync(emulator, document, query):
    if not emulator.mirror:
        raise ValueError("the emulator was started without --challtestsrv")
    emulator.mirror.resync_all()
    return emulator.mirror.to_json()


ROUTES = control_dispatch.routes(
    health, seed, state, get_settings, set_settings, control_dispatch.calls_endpoint("method"),
    extra={("POST", "/_emulator/propagate"): propagate_now,
           ("POST", "/_emulator/dns/resync"): dns_resync})
