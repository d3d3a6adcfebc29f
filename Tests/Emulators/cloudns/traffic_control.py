"""What happens around a CloudNS call: per-client rate limits and the injected faults (queued by
emulator_kit.fault_queue)."""

import collections
import threading
import time

from emulator_kit.fault_queue import QueuedFault

WINDOWS = (("per_second", 1.0, "second"), ("per_minute", 60.0, "minute"),
           ("per_hour", 3600.0, "hour"))
FAULT_KINDS = ("http-error", "reset", "slow", "html", "failed", "invalid-json")


class RateLimiter:
    """Sliding windows per client IP. Only admitted requests count, so a client that backs off
    for one window gets through again; CloudNS's exact accounting is undocumented."""

    def __init__(self, limits, clock=time.monotonic):
        self.limits = limits  # the live Settings.rate_limits dict
        self.clock = clock
        self.lock = threading.Lock()
        self.history = collections.defaultdict(collections.deque)

    def reset(self):
        with self.lock:
            self.history.clear()

    def refusal(self, client):
        """Returns the "Request blocked" text when `client` is over a limit, else records the call."""
        now = self.clock()
        with self.lock:
            stamps = self.history[client]
            while stamps and now - stamps[0] >= 3600.0:
                stamps.popleft()
            for key, span, unit in WINDOWS:
                limit = self.limits.get(key) or 0
                if limit and sum(1 for t in reversed(stamps) if now - t < span) >= limit:
                    # Documented for the per-second limit; the minute/hour texts are assumed.
                    return f"Request blocked. {client} is sending more than {limit} requests per {unit}."
            stamps.append(now)
            return None


class Fault(QueuedFault):
    """CloudNS's kinds: nginx pages, a maintenance page and well-formed "Failed" answers, matched
    by method name; the GitHub and Hetzner emulators fault in their own APIs' shapes."""

    KINDS = FAULT_KINDS

    def __init__(self, spec, fault_id):
        super().__init__(spec, fault_id)
        kind = self.kind
        self.method = spec.get("method", "*")
        self.status = int(spec.get("status", 500 if kind == "http-error" else 200))
        self.delay = float(spec.get("delay", 2.0 if kind == "slow" else 0.0))
        self.after_apply = bool(spec.get("after_apply", False))
        self.description = str(spec.get("description", "Emulated failure."))

    def matches(self, method):
        return self.method in ("*", method)

    def to_json(self):
        return {"id": self.id, "kind": self.kind, "method": self.method, "count": self.count,
                "skip": self.skip, "status": self.status, "delay": self.delay,
                "after_apply": self.after_apply, "description": self.description}
