"""What happens around an API call: the Cloud token bucket, Robot's per-group hourly limits and
login lockout, and the injected faults (queued and consumed by the emulator kit's FaultQueue)."""

import collections
import fnmatch
import threading
import time

from emulator_kit.fault_queue import FaultQueue, QueuedFault

FAULT_KINDS = ("http-error", "reset", "slow", "invalid-json", "rate-limit", "locked",
               "action-error")


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


class Fault(QueuedFault):
    """Hetzner's kinds: the Cloud/Robot error shapes (rate-limit, locked) and action-error, which
    fails an action later rather than the call; GitHub's and CloudNS's kinds answer differently."""

    KINDS = FAULT_KINDS

    def __init__(self, spec, fault_id):
        super().__init__(spec, fault_id)
        kind = self.kind
        self.path = spec.get("path", "*")  # fnmatch pattern over the URL path
        self.method = spec.get("method", "*").upper()
        self.command = spec.get("command", "*")  # action-error: the action command
        self.status = int(spec.get("status", {"http-error": 500, "rate-limit": 429,
                                               "locked": 423}.get(kind, 200)))
        self.body = spec.get("body", "json")  # http-error: json | html | empty
        self.code = spec.get("code")
        self.message = spec.get("message")
        self.delay = float(spec.get("delay", 2.0 if kind == "slow" else 0.0))
        self.after_apply = bool(spec.get("after_apply", False))
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


class FaultBook(FaultQueue):
    """The fault queue, plus the action errors the store asks for when an action runs."""

    def __init__(self):
        super().__init__(Fault)

    def take_action_error(self, command):
        """(code, message) when the next action of `command` must fail, else None."""
        fault = self.take_first(lambda f: f.kind == "action-error" and f.command in ("*", command))
        if fault is None:
            return None
        return fault.code or "action_failed", fault.message or f"{command} failed"
