"""The emulator's tunable behaviour, changed through POST /_emulator/settings."""

ROBOT_GROUP_LIMITS = {"server": 200, "ip": 5000, "reset": 500, "failover": 100, "boot": 500,
                      "wol": 500}


class Settings:
    def __init__(self, action_duration=0.2, rate_limit=3600):
        self.action_duration = action_duration  # seconds; negative = never finishes
        self.action_durations = {}  # per command, overriding action_duration
        self.rate_limit = {"limit": rate_limit, "refill_per_second": rate_limit / 3600.0}
        self.health_delay = 0.0  # extra seconds a new target/service stays "unknown"
        self.server_datacenter = False  # also render the legacy servers[].datacenter object
        self.robot_rate_limits = dict(ROBOT_GROUP_LIMITS)  # requests per hour per group
        self.robot_lockout = True  # 3 failed logins block the client IP for 10 minutes

    def duration_of(self, command):
        return float(self.action_durations.get(command, self.action_duration))

    def apply(self, document):
        for key, value in document.items():
            if key == "action_duration":
                self.action_duration = float(value)
            elif key == "action_durations":
                self.action_durations = {str(k): float(v) for k, v in value.items()}
            elif key == "rate_limit":
                if isinstance(value, (int, float)):
                    value = {"limit": value}
                limit = int(value.get("limit", self.rate_limit["limit"]))
                refill = float(value.get("refill_per_second", limit / 3600.0
                                         if "limit" in value else
                                         self.rate_limit["refill_per_second"]))
                if limit < 1 or refill < 0:
                    raise ValueError("rate_limit: limit must be >= 1, refill_per_second >= 0")
                self.rate_limit = {"limit": limit, "refill_per_second": refill}
            elif key == "health_delay":
                self.health_delay = float(value)
            elif key == "server_datacenter":
                self.server_datacenter = bool(value)
            elif key == "robot_rate_limits":
                self.robot_rate_limits.update({str(k): int(v) for k, v in value.items()})
            elif key == "robot_lockout":
                self.robot_lockout = bool(value)
            else:
                raise ValueError(f"unknown setting {key!r}")

    def to_json(self):
        return {"action_duration": self.action_duration,
                "action_durations": dict(self.action_durations),
                "rate_limit": dict(self.rate_limit), "health_delay": self.health_delay,
                "server_datacenter": self.server_datacenter,
                "robot_rate_limits": dict(self.robot_rate_limits),
                "robot_lockout": self.robot_lockout}
