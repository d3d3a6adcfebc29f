"""What happens around an API call: the Cloud token bucket, Robot's per-group hourly limits and
login lockout, injected faults, and the call log."""

import collections
import fnmatch
import threading
import time

FAULT_KINDS = ("http-error", "reset", "slow", "invalid-json", "rate-limit", "locked",
               "action-error")
CALL_LOG_LIMIT = 100_000


class TokenBuckets:
    """One bucket per project (or per client IP when unauthenticated): capacity = the hourly
    limit, refilled continuously; every request takes a token, 4xx answers included."""

    def __init__(self, settings, clock=time.time):
        self.settings = settings
        self.clock = clock
        self.lock = threading.Lock()
        self.buckets = {}  # key -> [tokens, last refill time]

    def reset(self):
        with self.lock:
            self.buckets.clear()

    def take(self, key):
        """(allowed, headers): the three RateLimit-* headers describe the bucket after this call."""
        limit = self.settings.rate_limit["limit"]
        rate = self.settings.rate_limit["refill_per_second"]
        now = self.clock()
        with self.lock:
            tokens, last = self.buckets.get(key, (float(limit), now))
            tokens = min(float(limit), tokens + (now - last) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self.buckets[key] = (tokens, now)
        missing = limit - tokens
        reset = int(now + (missing / rate if rate > 0 and missing > 0 else 0) + 0.999)
        return allowed, {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(int(tokens)),
                         "RateLimit-Reset": str(reset)}


class RobotLimits:
    """Robot's documented hourly limits per endpoint group (per webservice user), and the
    lockout of a client IP for 10 minutes after 3 failed logins."""

    def __init__(self, settings, clock=time.time):
        self.settings = settings
        self.clock = clock
        self.lock = threading.Lock()
        self.history = collections.defaultdict(collections.deque)
        self.failures = collections.defaultdict(collections.deque)

    def reset(self):
        with self.lock:
            self.history.clear()
            self.failures.clear()

    def over_limit(self, user, group):
        """The group's limit if this call exceeds it, else None (and the call is counted)."""
        limit = self.settings.robot_rate_limits.get(group)
        now = self.clock()
        with self.lock:
            stamps = self.history[(user, group)]
            while stamps and now - stamps[0] >= 3600:
                stamps.popleft()
            if limit is not None and len(stamps) >= limit:
                return limit
            stamps.append(now)
            return None

    def blocked(self, client):
        if not self.settings.robot_lockout:
            return False
        now = self.clock()
        with self.lock:
            stamps = self.failures[client]
            while stamps and now - stamps[0] >= 600:
                stamps.popleft()
            return len(stamps) >= 3

    def failed_login(self, client):
        with self.lock:
            self.failures[client].append(self.clock())


class Fault:
    def __init__(self, spec, fault_id):
        kind = spec.get("kind")
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind: expected one of {', '.join(FAULT_KINDS)}")
        self.id = fault_id
        self.kind = kind
        self.path = spec.get("path", "*")  # fnmatch pattern over the URL path
        self.method = spec.get("method", "*").upper()
        self.command = spec.get("command", "*")  # action-error: the action command
        self.count = int(spec.get("count", 1))
        self.skip = int(spec.get("skip", 0))
        self.status = int(spec.get("status", {"http-error": 500, "rate-limit": 429,
                                               "locked": 423}.get(kind, 200)))
        self.body = spec.get("body", "json")  # http-error: json | html | empty
        self.code = spec.get("code")
        self.message = spec.get("message")
        self.delay = float(spec.get("delay", 2.0 if kind == "slow" else 0.0))
        self.after_apply = bool(spec.get("after_apply", False))
        if self.count < 1 or self.skip < 0:
            raise ValueError("count must be >= 1 and skip >= 0")
        if self.body not in ("json", "html", "empty"):
            raise ValueError("body: expected json, html or empty")

    def matches(self, method, path):
        return self.kind != "action-error" and self.method in ("*", method) and \
            fnmatch.fnmatchcase(path, self.path)

    def to_json(self):
        return {"id": self.id, "kind": self.kind, "path": self.path, "method": self.method,
                "command": self.command, "count": self.count, "skip": self.skip,
                "status": self.status, "body": self.body, "code": self.code,
                "message": self.message, "delay": self.delay, "after_apply": self.after_apply}


class FaultBook:
    """Queued faults, consumed in insertion order; `skip` lets matching calls through first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.faults = []
        self.next_id = 1

    def add(self, spec):
        with self.lock:
            fault = Fault(spec, self.next_id)
            self.next_id += 1
            self.faults.append(fault)
            return fault

    def take_first(self, accepts):
        with self.lock:
            for fault in self.faults:
                if not accepts(fault):
                    continue
                if fault.skip:
                    fault.skip -= 1
                    continue
                fault.count -= 1
                if fault.count == 0:
                    self.faults.remove(fault)
                return fault
            return None

    def take(self, method, path):
        return self.take_first(lambda fault: fault.matches(method, path))

    def take_action_error(self, command):
        """(code, message) when the next action of `command` must fail, else None."""
        fault = self.take_first(lambda f: f.kind == "action-error" and f.command in ("*", command))
        if fault is None:
            return None
        return fault.code or "action_failed", fault.message or f"{command} failed"

    def clear(self):
        with self.lock:
            self.faults = []

    def to_json(self):
        with self.lock:
            return [f.to_json() for f in self.faults]


class CallLog:
    """Every API call: method, path, query, status, duration. Never a credential."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = collections.deque(maxlen=CALL_LOG_LIMIT)
        self.next_seq = 1

    def append(self, entry):
        with self.lock:
            entry["seq"] = self.next_seq
            self.next_seq += 1
            self.entries.append(entry)

    def clear(self):
        with self.lock:
            self.entries.clear()

    def query(self, since=0, api=None, path=None):
        with self.lock:
            calls = [dict(e) for e in self.entries if e["seq"] > since
                     and (api is None or e["api"] == api)
                     and (path is None or fnmatch.fnmatchcase(e["path"], path))]
            counts = collections.Counter(f"{e['method']} {e['path']}" for e in calls)
            return {"calls": calls, "counts": dict(counts), "next_seq": self.next_seq}
