"""What happens around an API call: settings, the primary rate limit, and the injected faults
(queued by emulator_kit.fault_queue)."""

import fnmatch
import threading
import time

from emulator_kit.fault_queue import QueuedFault

FAULT_KINDS = ("http-error", "rate-limit-primary", "rate-limit-secondary", "reset", "slow")
ANONYMOUS_LIMIT = 60  # GitHub's primary limit for unauthenticated requests


class Settings:
    def __init__(self, latency_ms=0, per_page_default=30, rate_limit=5000, rate_window=3600):
        self.latency_ms = latency_ms
        self.per_page_default = per_page_default
        self.rate_limit = rate_limit          # requests per window per token
        self.rate_window = rate_window        # seconds
        self.rate_limit_status = 403          # 403 (GitHub's usual) or 429
        self.link_style = "path"              # or "repository-id": /repositories/{id}/...

    def apply(self, document):
        known = {"latency_ms": (int, 0), "per_page_default": (int, 1), "rate_limit": (int, 1),
                 "rate_window": (int, 1), "rate_limit_status": (int, 403)}
        known["link_style"] = (str, None)
        unknown = set(document) - set(known)
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        for key, value in document.items():
            kind, minimum = known[key]
            if key == "link_style":
                if value not in ("path", "repository-id"):
                    raise ValueError("link_style must be path or repository-id")
                self.link_style = value
                continue
            value = kind(value)
            if key == "rate_limit_status" and value not in (403, 429):
                raise ValueError("rate_limit_status must be 403 or 429")
            if value < minimum:
                raise ValueError(f"{key} must be >= {minimum}")
            if key == "per_page_default" and value > 100:
                raise ValueError("per_page_default must be <= 100")
            setattr(self, key, value)

    def to_json(self):
        return {"latency_ms": self.latency_ms, "per_page_default": self.per_page_default,
                "rate_limit": self.rate_limit, "rate_window": self.rate_window,
                "rate_limit_status": self.rate_limit_status, "link_style": self.link_style}


class RateLimiter:
    """GitHub's primary limit: a fixed window per token (or per client IP without one)."""

    def __init__(self, settings, clock=time.time):
        self.settings = settings
        self.clock = clock
        self.lock = threading.Lock()
        self.windows = {}  # key -> [used, reset epoch]

    def reset(self):
        with self.lock:
            self.windows.clear()

    def limit_for(self, key):
        return ANONYMOUS_LIMIT if key.startswith("ip:") else self.settings.rate_limit

    def take(self, key, count=True):
        """Counts one request; returns (admitted, headers). `count=False` only reports."""
        now = int(self.clock())
        limit = self.limit_for(key)
        with self.lock:
            window = self.windows.get(key)
            if window is None or now >= window[1]:
                window = self.windows[key] = [0, now + self.settings.rate_window]
            admitted = window[0] < limit
            if admitted and count:
                window[0] += 1
            used, reset = window
        return admitted, headers(limit, used, reset)

    def snapshot(self, key):
        return self.take(key, count=False)[1]


def headers(limit, used, reset):
    return {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": str(max(0, limit - used)),
            "x-ratelimit-used": str(used), "x-ratelimit-reset": str(reset),
            "x-ratelimit-resource": "core"}


class Fault(QueuedFault):
    """GitHub's kinds: its error bodies and primary/secondary rate-limit answers, matched by path;
    the CloudNS and Hetzner emulators fault in their own APIs' shapes."""

    KINDS = FAULT_KINDS

    def __init__(self, spec, fault_id):
        super().__init__(spec, fault_id)
        kind = self.kind
        self.path = str(spec.get("path", "*"))
        default_status = 500 if kind == "http-error" else 403
        self.status = int(spec.get("status", default_status))
        self.delay_ms = int(spec.get("delay_ms", 2000 if kind == "slow" else 0))
        self.retry_after = int(spec.get("retry_after", 60))
        self.message = spec.get("message")
        if kind.startswith("rate-limit") and self.status not in (403, 429):
            raise ValueError("a rate-limit fault's status must be 403 or 429")

    def matches(self, path):
        return fnmatch.fnmatchcase(path, self.path)

    def to_json(self):
        return {"id": self.id, "kind": self.kind, "path": self.path, "count": self.count,
                "skip": self.skip, "status": self.status, "delay_ms": self.delay_ms,
                "retry_after": self.retry_after, "message": self.message}
