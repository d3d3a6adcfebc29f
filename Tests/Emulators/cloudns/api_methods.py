"""The CloudNS `/dns/<method>.json` methods, answering with the real API's texts and JSON types.

Each method takes (store, principal, params) with every parameter as a string and returns the
value to send as JSON, or raises `Failed`. The caller holds `store.lock`.
"""

import math

from account_store import EXTRA_FIELDS, RECORD_TYPES, RECORD_TYPES_BY_ZONE_KIND, normalise_host

USER_AUTH_FAILED = "Invalid authentication, incorrect auth-id or auth-password."
SUB_AUTH_FAILED = "Invalid authentication, incorrect sub-auth-id, sub-auth-user or auth-password."
MISSING_ZONE = "Missing domain-name"
MISSING_PAGE = "Missing required parameter 'page'."
BAD_ROWS_PER_PAGE = "Wrong or missing required parameter 'rows-per-page'."
BAD_RECORD_ID = "Invalid record-id param."
BAD_TTL = "Invalid TTL. Choose from the list of the values we support."
# The texts below were NOT found in any CloudNS source (see the reference's open questions);
# they follow the documented ones' wording so that clients only rely on status "Failed".
NOT_MASTER_ZONE = "This operation is allowed only for master zones."
BAD_RECORD_TYPE = "Invalid record-type param."
DUPLICATE_RECORD = "The record already exists."
BAD_ZONE_TYPE = "Invalid zone-type param."

ROWS_PER_PAGE = ("10", "20", "30", "50", "100")
IDENTITY_KINDS = ("auth-id", "sub-auth-id", "sub-auth-user")
ORDER_KEYS = {"host": lambda r: r["host"], "record-type": lambda r: r["type"],
              "points-to": lambda r: r["record"], "ttl": lambda r: r["ttl"]}


class Failed(Exception):
    """A CloudNS failure answer: HTTP 200 with {"status":"Failed","statusDescription":...}."""

    def __init__(self, description):
        super().__init__(description)
        self.description = description


def missing(name):
    return f"Missing required parameter '{name}'."


def success(text, **extra):
    return {"status": "Success", "statusDescription": text, **extra}


def identity_kinds(params):
    return [kind for kind in IDENTITY_KINDS if text(params, kind)]


def authenticate(store, params):
    kinds = identity_kinds(params)
    # Exactly one identity is what the API documents; with none or several we refuse, worded
    # for the first family present, so a client that mixes identities is caught in tests.
    kind = kinds[0] if kinds else "auth-id"
    refusal = USER_AUTH_FAILED if kind == "auth-id" else SUB_AUTH_FAILED
    if len(kinds) != 1:
        raise Failed(refusal)
    principal = store.authenticate(kind, text(params, kind), text(params, "auth-password"))
    if principal is None:
        raise Failed(refusal)
    return principal


def text(params, key):
    value = params.get(key, "")
    return value if isinstance(value, str) else ""


def positive_int(value):
    return int(value) if value.isdigit() and int(value) > 0 else None


def rows_per_page(params):
    value = text(params, "rows-per-page")
    if value not in ROWS_PER_PAGE:
        raise Failed(BAD_ROWS_PER_PAGE)
    return int(value)


def required_page(params):
    page = positive_int(text(params, "page"))
    if page is None:
        raise Failed(MISSING_PAGE)
    return page


def require_zone(store, principal, params):
    # A zone the sub-user is not assigned to is indistinguishable from a missing one.
    zone = store.visible_zone(principal, text(params, "domain-name"))
    if zone is None:
        raise Failed(MISSING_ZONE)
    return zone


def require_master_zone(store, principal, params):
    zone = require_zone(store, principal, params)
    if zone.type != "master":
        raise Failed(NOT_MASTER_ZONE)
    return zone


def require_ttl(store, params):
    value = text(params, "ttl")
    if not value.isdigit() or int(value) not in store.settings.accepted_ttls():
        raise Failed(BAD_TTL)
    return int(value)


def require_record(zone, params):
    value = text(params, "record-id")
    record = zone.records.get(int(value)) if value.isdigit() else None
    if record is None:
        raise Failed(BAD_RECORD_ID)
    return record


def record_json(record):
    body = {"id": str(record["id"]), "type": record["type"], "host": record["host"],
            "record": record["record"]}
    if record["type"] in ("A", "AAAA"):
        body["dynamicurl_status"] = 0
    for field in EXTRA_FIELDS.get(record["type"], ()):
        body[field] = str(record[field])
    body.update({"failover": "0", "ttl": str(record["ttl"]), "status": record["status"]})
    return body


def zone_summary(store, zone):
    return {"name": zone.name, "type": zone.type, "zone": zone.kind, "status": "1",
            "serial": str(zone.serial), "isUpdated": 1 if store.is_updated(zone) else 0,
            "group": zone.group, "hasBulk": False}


def visible_zones(store, principal, params):
    search = text(params, "search").lower()
    group = text(params, "group-id")
    zones = [z for z in sorted(store.zones.values(), key=lambda z: z.name)
             if principal.may_see(z.name) and search in z.name]
    if group == "none":
        zones = [z for z in zones if z.group == "None"]
    return zones


def matching_records(zone, params):
    """records.json filters. Empty `host`/`type` filter nothing (clients must not rely on an
    empty host selecting the apex; that real behaviour is undocumented). `@` selects the apex."""
    records = list(zone.records.values())
    host_like, host = text(params, "host-like").lower(), text(params, "host")
    if host_like:
        records = [r for r in records if host_like in r["host"]]
    elif host:
        records = [r for r in records if r["host"] == normalise_host(host)]
    record_type = text(params, "type").upper()
    if record_type in RECORD_TYPES:  # an unknown type is ignored, as documented
        records = [r for r in records if r["type"] == record_type]
    order = ORDER_KEYS.get(text(params, "order-by"))
    return sorted(records, key=order) if order else records


def page_count(count, rows):
    return math.ceil(count / rows)


# --- methods ---------------------------------------------------------------------------------

def login(store, principal, params):
    return success("Success login.")


def list_zones(store, principal, params):
    page = required_page(params)
    rows = rows_per_page(params)
    chunk = visible_zones(store, principal, params)[(page - 1) * rows: page * rows]
    if not chunk:
        return [] if store.settings.empty_zone_list == "[]" else {}
    return [zone_summary(store, zone) for zone in chunk]


def get_pages_count(store, principal, params):
    return page_count(len(visible_zones(store, principal, params)), rows_per_page(params))


def get_zone_info(store, principal, params):
    zone = require_zone(store, principal, params)
    info = {"name": zone.name, "type": zone.type, "zone": zone.kind, "status": "1"}
    if zone.type == "cloud":
        info["cloud-master"] = zone.cloud_master
    return info


def records(store, principal, params):
    zone = require_master_zone(store, principal, params)
    found = matching_records(zone, params)
    if text(params, "rows-per-page"):
        rows = rows_per_page(params)
        page = required_page(params) if "page" in params else 1
        found = found[(page - 1) * rows: page * rows]
    if not found:
        return []  # documented: an empty array, never {}
    return {str(r["id"]): record_json(r) for r in found}


def get_records_pages_count(store, principal, params):
    zone = require_master_zone(store, principal, params)
    rows = rows_per_page(params)
    return page_count(len(matching_records(zone, params)), rows)


def record_extras(params, record_type, current=None):
    extras = {}
    for field in EXTRA_FIELDS.get(record_type, ()):
        value = text(params, field)
        if value.isdigit() and int(value) <= 65535:
            extras[field] = int(value)
        elif current is not None and value == "":
            extras[field] = current[field]
        else:
            raise Failed(missing(field))
    return extras


def require_host_value_ttl(store, params):
    """(record value, TTL) of an add or a modify, checked in CloudNS's order: host, record, ttl."""
    if "host" not in params:
        raise Failed(missing("host"))
    value = text(params, "record")
    if value == "":
        raise Failed(missing("record"))
    return value, require_ttl(store, params)


def add_record(store, principal, params):
    zone = require_master_zone(store, principal, params)
    record_type = text(params, "record-type").upper()
    if not record_type:
        raise Failed(missing("record-type"))
    if record_type not in RECORD_TYPES:
        raise Failed(BAD_RECORD_TYPE)
    value, ttl = require_host_value_ttl(store, params)
    extras = record_extras(params, record_type)
    host = normalise_host(text(params, "host"))
    if store.settings.duplicate_records == "reject" and any(
            r["type"] == record_type and r["host"] == host and r["record"] == value
            for r in zone.records.values()):
        raise Failed(DUPLICATE_RECORD)
    status = 0 if text(params, "status") == "0" else 1
    record = store.insert_record(zone, {"type": record_type, "host": host, "record": value,
                                        "ttl": ttl, "status": status, **extras})
    return success("The record was added successfully.", data={"id": record["id"]})


def mod_record(store, principal, params):
    zone = require_master_zone(store, principal, params)
    record = require_record(zone, params)
    value, ttl = require_host_value_ttl(store, params)
    extras = record_extras(params, record["type"], current=record)
    # The type is immutable: a record-type parameter is ignored.
    store.update_record(zone, record, {"host": normalise_host(text(params, "host")),
                                       "record": value, "ttl": ttl, **extras})
    return success("The record was modified successfully.")


def delete_record(store, principal, params):
    zone = require_master_zone(store, principal, params)
    store.remove_record(zone, require_record(zone, params))
    return success("The record was deleted successfully.")


def is_updated(store, principal, params):
    return store.is_updated(require_zone(store, principal, params))


def update_status(store, principal, params):
    return store.server_states(require_zone(store, principal, params))


def update_zone(store, principal, params):
    zone = require_zone(store, principal, params)
    return success(f"Domain zone {zone.name} was updated successfully.")


def get_available_ttl(store, principal, params):
    require_zone(store, principal, params)
    return store.settings.accepted_ttls()


def get_available_record_types(store, principal, params):
    kind = text(params, "zone-type") or "domain"
    if kind not in RECORD_TYPES_BY_ZONE_KIND:
        raise Failed(BAD_ZONE_TYPE)
    return list(RECORD_TYPES_BY_ZONE_KIND[kind])


METHODS = {
    "login": login, "list-zones": list_zones, "get-pages-count": get_pages_count,
    "get-zone-info": get_zone_info, "records": records,
    "get-records-pages-count": get_records_pages_count, "add-record": add_record,
    "mod-record": mod_record, "delete-record": delete_record, "is-updated": is_updated,
    "update-status": update_status, "update-zone": update_zone,
    "get-available-ttl": get_available_ttl,
    "get-available-record-types": get_available_record_types,
}


def answer(store, method, params):
    """Authenticates and runs one method; returns the JSON value to send (never raises Failed)."""
    with store.lock:
        try:
            principal = authenticate(store, params)
            return METHODS[method](store, principal, params)
        except Failed as failure:
            return {"status": "Failed", "statusDescription": failure.description}
