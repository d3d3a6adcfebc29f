"""The emulated CloudNS account: identities, zones, records and the propagation clock.

Everything here runs under one lock held by the caller (`AccountStore.lock`); the HTTP layer
takes it once per request so a request sees and changes a consistent account.
"""

import datetime
import json
import os
import threading
import time

# TTLs CloudNS documents for add-record / mod-record (wiki /58/, /60/).
DOCUMENTED_TTLS = (60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200,
                   604800, 1209600, 2592000)
# get-available-record-types answers recorded against the real API (ppmathis fixtures, 2022).
RECORD_TYPES_BY_ZONE_KIND = {
    "domain": ["A", "AAAA", "MX", "CNAME", "TXT", "SPF", "NS", "SRV", "WR", "ALIAS", "RP",
               "SSHFP", "NAPTR", "CAA", "TLSA", "DS", "CERT", "PTR", "HINFO", "LOC", "DNAME",
               "SMIMEA", "OPENPGPKEY"],
    "reverse": ["PTR", "NAPTR", "NS", "CNAME", "CERT", "DS"],
    "parked": ["NS", "TXT", "SPF", "MX"],
}
RECORD_TYPES = frozenset(RECORD_TYPES_BY_ZONE_KIND["domain"])
# Type-specific numeric fields, listed (as strings) after `record` like the real API does.
EXTRA_FIELDS = {"MX": ("priority",), "SRV": ("priority", "weight", "port")}
FIRST_RECORD_ID = 273100000
DEFAULT_SERVER_NAMES = ("dns1", "dns2", "dns5", "dns6", "dns3", "dns4", "dns7", "dns8")


class Principal:
    """The identity a request authenticated as; `zones` is None for a full-access API user."""

    def __init__(self, kind, zones):
        self.kind = kind
        self.zones = zones

    def may_see(self, zone_name):
        return self.zones is None or zone_name in self.zones


class Zone:
    def __init__(self, name, zone_type="master", kind="domain", cloud_master=None, group="None"):
        self.name = name
        self.type = zone_type
        self.kind = kind
        self.cloud_master = cloud_master
        self.group = group
        self.records = {}
        self.serial = int(datetime.date.today().strftime("%Y%m%d")) * 100 + 1
        self.changed_at = None  # monotonic time of the last change; None = fully propagated

    def to_json(self):
        return {"name": self.name, "type": self.type, "zone": self.kind,
                "cloud_master": self.cloud_master, "group": self.group, "serial": self.serial,
                "records": list(self.records.values())}


class Settings:
    """Behaviour switches; the control API and the command line change them."""

    def __init__(self, propagation_delay=0.0, server_count=4, rate_limits=(20, 600, 36000),
                 accept_ttl_600=False):
        self.rate_limits = {"per_second": rate_limits[0], "per_minute": rate_limits[1],
                            "per_hour": rate_limits[2]}
        self.servers = []
        self.spread_delay(propagation_delay, server_count)
        self.accept_ttl_600 = accept_ttl_600
        self.empty_zone_list = "[]"
        self.duplicate_records = "allow"
        self.dns_follows_propagation = True

    def spread_delay(self, delay, count):
        """Servers flip to updated one by one; the last one `delay` seconds after a change."""
        count = max(1, int(count))
        self.set_delays([float(delay) * (i + 1) / count for i in range(count)])

    def set_delays(self, delays):
        self.servers = []
        for i, delay in enumerate(delays):
            label = DEFAULT_SERVER_NAMES[i] if i < len(DEFAULT_SERVER_NAMES) else f"dns{i + 1}"
            # Documentation addresses: the emulator never claims real CloudNS server IPs.
            self.servers.append({"server": f"{label}.cloudns.net", "ip4": f"192.0.2.{i + 1}",
                                 "ip6": f"2001:db8::{i + 1:x}", "delay": float(delay)})

    def accepted_ttls(self):
        ttls = set(DOCUMENTED_TTLS)
        if self.accept_ttl_600:
            ttls.add(600)
        return sorted(ttls)

    def to_json(self):
        return {"rate_limit": dict(self.rate_limits), "servers": [dict(s) for s in self.servers],
                "accept_ttl_600": self.accept_ttl_600, "empty_zone_list": self.empty_zone_list,
                "duplicate_records": self.duplicate_records,
                "dns_follows_propagation": self.dns_follows_propagation}

    def apply(self, changes):
        """Applies a control-API settings object; raises ValueError naming a bad key."""
        for key, value in changes.items():
            if key == "rate_limit":
                for window, limit in value.items():
                    if window not in self.rate_limits:
                        raise ValueError(f"rate_limit.{window}: expected per_second, per_minute or per_hour")
                    self.rate_limits[window] = int(limit) if limit else 0
            elif key == "propagation_delay":
                self.spread_delay(value, changes.get("servers", len(self.servers)))
            elif key == "servers":
                if "propagation_delay" not in changes:
                    self.spread_delay(max([s["delay"] for s in self.servers] + [0.0]), value)
            elif key == "propagation_delays":
                if not value:
                    raise ValueError("propagation_delays: expected at least one server")
                self.set_delays(value)
            elif key == "accept_ttl_600":
                self.accept_ttl_600 = bool(value)
            elif key == "empty_zone_list":
                if value not in ("[]", "{}"):
                    raise ValueError('empty_zone_list: expected "[]" or "{}"')
                self.empty_zone_list = value
            elif key == "duplicate_records":
                if value not in ("allow", "reject"):
                    raise ValueError('duplicate_records: expected "allow" or "reject"')
                self.duplicate_records = value
            elif key == "dns_follows_propagation":
                self.dns_follows_propagation = bool(value)
            else:
                raise ValueError(f"{key}: unknown setting")


class AccountStore:
    def __init__(self, settings, state_file=None, clock=time.monotonic):
        self.lock = threading.RLock()
        self.settings = settings
        self.state_file = state_file
        self.clock = clock
        self.zones = {}
        self.api_users = {}  # auth-id (string) -> password
        self.sub_users = []  # {"sub_auth_id", "sub_auth_user", "password", "zones"}
        self.next_id = FIRST_RECORD_ID
        self.on_change = None  # callback(zone_names, fqdns) set by the DNS mirror

    # --- identities -----------------------------------------------------------------------

    def add_identity(self, spec):
        password = spec.get("password")
        if not isinstance(password, str) or not password:
            raise ValueError("identity: password is required")
        if "auth_id" in spec:
            self.api_users[str(spec["auth_id"])] = password
            return
        sub_id, sub_user = spec.get("sub_auth_id"), spec.get("sub_auth_user")
        if sub_id is None and sub_user is None:
            raise ValueError("identity: expected auth_id, sub_auth_id or sub_auth_user")
        self.sub_users = [u for u in self.sub_users
                          if not ((sub_id is not None and u["sub_auth_id"] == str(sub_id))
                                  or (sub_user is not None and u["sub_auth_user"] == sub_user))]
        self.sub_users.append({"sub_auth_id": None if sub_id is None else str(sub_id),
                               "sub_auth_user": sub_user, "password": password,
                               "zones": sorted({z.lower() for z in spec.get("zones", [])})})

    def authenticate(self, kind, value, password):
        """Returns a Principal, or None when the identity or password does not match."""
        if kind == "auth-id":
            if value.isdigit() and self.api_users.get(value) == password:
                return Principal(kind, None)
            return None
        key = "sub_auth_id" if kind == "sub-auth-id" else "sub_auth_user"
        if kind == "sub-auth-id" and not value.isdigit():
            return None
        for user in self.sub_users:
            if user[key] == value and user["password"] == password:
                return Principal(kind, frozenset(user["zones"]))
        return None

    def identities_without_secrets(self):
        users = [{"auth_id": i} for i in sorted(self.api_users)]
        subs = [{k: v for k, v in u.items() if k != "password"} for u in self.sub_users]
        return users + subs

    # --- zones and records ----------------------------------------------------------------

    def add_zone(self, spec):
        name = str(spec["name"]).lower()
        zone = Zone(name, spec.get("type", "master"), spec.get("zone", "domain"),
                    spec.get("cloud_master"), spec.get("group", "None"))
        if zone.type == "cloud" and not zone.cloud_master:
            raise ValueError(f"zone {name}: a cloud zone needs cloud_master")
        if zone.cloud_master:
            zone.cloud_master = zone.cloud_master.lower()
        self.zones[name] = zone
        for record in spec.get("records", []):
            self.insert_record(zone, record, seeding=True)
        return zone

    def visible_zone(self, principal, name):
        zone = self.zones.get((name or "").lower())
        if zone is None or not principal.may_see(zone.name):
            return None
        return zone

    def insert_record(self, zone, spec, seeding=False):
        record = {"id": self.next_id, "type": str(spec["type"]).upper(),
                  "host": normalise_host(spec.get("host", "")), "record": str(spec["record"]),
                  "ttl": int(spec.get("ttl", 3600)), "status": int(spec.get("status", 1))}
        for field in EXTRA_FIELDS.get(record["type"], ()):
            record[field] = int(spec.get(field, 0))
        self.next_id += 1
        zone.records[record["id"]] = record
        self.changed(zone, [record], seeding)
        return record

    def update_record(self, zone, record, fields):
        before = dict(record)
        record.update(fields)
        self.changed(zone, [before, record])

    def remove_record(self, zone, record):
        del zone.records[record["id"]]
        self.changed(zone, [record])

    def changed(self, zone, records, seeding=False):
        """Bumps serial and propagation clock, then tells the DNS mirror which TXT names moved.
        Seeded records are the initial state: already propagated, saved once by `seed`."""
        aliases = [zone] + self.cloud_aliases(zone)
        if not seeding:
            now = self.clock()
            for affected in aliases:
                affected.serial += 1
                affected.changed_at = now
            self.save()
        fqdns = sorted({fqdn(r["host"], z.name) for r in records if r["type"] == "TXT"
                        for z in aliases})
        if self.on_change is not None and fqdns and not seeding:
            self.on_change([z.name for z in aliases], fqdns)

    def cloud_aliases(self, zone):
        return [z for z in self.zones.values() if z.type == "cloud" and z.cloud_master == zone.name]

    def txt_values(self, name):
        """Active TXT values served at `name` (lower-case FQDN with trailing dot), with repeats."""
        values = []
        for zone in self.zones.values():
            if zone.type != "master":
                continue
            for alias in [zone] + self.cloud_aliases(zone):
                for record in zone.records.values():
                    if (record["type"] == "TXT" and record["status"] == 1
                            and fqdn(record["host"], alias.name) == name):
                        values.append(record["record"])
        return values

    def all_txt_names(self):
        return sorted({fqdn(r["host"], alias.name) for zone in self.zones.values()
                       if zone.type == "master" for alias in [zone] + self.cloud_aliases(zone)
                       for r in zone.records.values() if r["type"] == "TXT"})

    # --- propagation ------------------------------------------------------------------------

    def server_states(self, zone):
        elapsed = None if zone.changed_at is None else self.clock() - zone.changed_at
        return [{"server": s["server"], "ip4": s["ip4"], "ip6": s["ip6"],
                 "updated": elapsed is None or elapsed >= s["delay"]}
                for s in self.settings.servers]

    def is_updated(self, zone):
        return all(s["updated"] for s in self.server_states(zone))

    def seconds_until_updated(self, zone):
        if zone.changed_at is None:
            return 0.0
        longest = max(s["delay"] for s in self.settings.servers)
        return max(0.0, zone.changed_at + longest - self.clock())

    # --- persistence ------------------------------------------------------------------------

    def clear(self):
        self.zones, self.api_users, self.sub_users = {}, {}, []
        self.next_id = FIRST_RECORD_ID
        self.save()

    def load(self):
        if not self.state_file or not os.path.exists(self.state_file):
            return False
        with open(self.state_file, encoding="utf-8") as handle:
            self.seed(json.load(handle))
        return True

    def seed(self, document):
        """Adds identities and zones from a seed/state document (the control API's shape)."""
        next_id = document.get("next_id")
        for identity in document.get("identities", []):
            self.add_identity(identity)
        for spec in document.get("zones", []):
            self.add_zone(spec)
        if isinstance(next_id, int) and next_id > self.next_id:
            self.next_id = next_id
        self.save()
        if self.on_change is not None:
            # Seeded records count as long propagated: every TXT name is served at once.
            self.on_change([], self.all_txt_names())

    def save(self):
        if not self.state_file:
            return
        identities = [{"auth_id": i, "password": p} for i, p in self.api_users.items()]
        identities += [{k: v for k, v in u.items() if v is not None} for u in self.sub_users]
        document = {"identities": identities, "next_id": self.next_id,
                    "zones": [z.to_json() for z in self.zones.values()]}
        temporary = f"{self.state_file}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1)
        os.replace(temporary, self.state_file)


def normalise_host(host):
    # CloudNS stores hosts lower-cased; "@" is accepted here as the apex spelling users type.
    host = str(host).lower()
    return "" if host == "@" else host


def fqdn(host, zone_name):
    return f"{host}.{zone_name}." if host else f"{zone_name}."
