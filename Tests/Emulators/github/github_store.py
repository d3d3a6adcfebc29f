"""The emulated GitHub: tokens, organisations, repositories and their alerts, and seeding.

Alerts are kept as flat records (see alert_shapes.py for the JSON GitHub sends). A seed names
alerts explicitly or asks for a count, which generates deterministic alerts of mixed severities
and states, so a test knows exactly what a full listing must contain.
"""

import threading

KINDS = ("code_scanning", "dependabot", "secret_scanning")
URL_KINDS = {"code-scanning": "code_scanning", "dependabot": "dependabot",
             "secret-scanning": "secret_scanning"}
# Per kind, what a repository's feature may be set to; everything but "enabled" is refused.
FEATURE_STATES = {
    "code_scanning": ("enabled", "disabled", "advanced-security-off", "code-security-off",
                      "not-set-up", "no-analysis", "no-access"),
    "dependabot": ("enabled", "disabled", "no-access"),
    "secret_scanning": ("enabled", "disabled", "no-access"),
}
STATES = {
    "code_scanning": ("open", "dismissed", "fixed"),
    "dependabot": ("open", "dismissed", "fixed", "auto_dismissed"),
    "secret_scanning": ("open", "resolved"),
}
TOKEN_KINDS = ("classic", "fine-grained", "integration")
BASE_TIME = 1704067200  # 2024-01-01T00:00:00Z; alert n of a repo is created n hours later


class Token:
    def __init__(self, spec, user_id):
        self.value = str(spec["token"])
        if not self.value:
            raise ValueError("tokens: empty token")
        self.login = str(spec.get("login", "octocat"))
        self.user_id = int(spec.get("id", user_id))
        self.kind = spec.get("kind", "classic")
        if self.kind not in TOKEN_KINDS:
            raise ValueError(f"tokens: kind must be one of {', '.join(TOKEN_KINDS)}")
        # None: every repository and organisation is visible (and every org administered).
        self.repos = _optional_list(spec, "repos")
        self.org_admin = _optional_list(spec, "org_admin")
        self.scopes = list(spec.get("scopes", ["repo", "read:org", "gist"]))

    def sees(self, full_name):
        return self.repos is None or full_name.lower() in {r.lower() for r in self.repos}

    def administers(self, org):
        return self.org_admin is None or org.lower() in {o.lower() for o in self.org_admin}

    def to_json(self):
        """Everything but the token itself."""
        return {"login": self.login, "id": self.user_id, "kind": self.kind, "repos": self.repos,
                "org_admin": self.org_admin, "scopes": self.scopes}


class Repository:
    def __init__(self, spec, repo_id):
        full_name = str(spec["full_name"])
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise ValueError(f"repos: full_name must be OWNER/NAME, got {full_name!r}")
        self.owner, self.name, self.id = owner, name, int(spec.get("id", repo_id))
        self.private = bool(spec.get("private", True))
        self.features = {kind: "enabled" for kind in KINDS}
        for kind, value in spec.get("features", {}).items():
            if kind not in KINDS:
                raise ValueError(f"repos: unknown feature {kind!r}; expected one of {KINDS}")
            if value not in FEATURE_STATES[kind]:
                raise ValueError(f"repos: {kind} must be one of {', '.join(FEATURE_STATES[kind])}")
            self.features[kind] = value
        self.alerts = {kind: [] for kind in KINDS}

    @property
    def full_name(self):
        return f"{self.owner}/{self.name}"

    def summary(self):
        counts = {}
        for kind in KINDS:
            by_state = {}
            for alert in self.alerts[kind]:
                by_state[alert["state"]] = by_state.get(alert["state"], 0) + 1
            counts[kind] = {"total": len(self.alerts[kind]), "by_state": by_state}
        return {"full_name": self.full_name, "id": self.id, "private": self.private,
                "features": dict(self.features), "alerts": counts}


class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.clear()

    def clear(self):
        self.tokens = {}
        self.repos = {}   # lower-case full name -> Repository
        self.orgs = {}    # lower-case login -> login
        self.next_repo_id = 1000
        self.next_user_id = 1

    # --- look-ups -------------------------------------------------------------------------

    def token(self, value):
        return self.tokens.get(value)

    def repo(self, owner, name):
        return self.repos.get(f"{owner}/{name}".lower())

    def repo_by_id(self, repo_id):
        return next((r for r in self.repos.values() if r.id == repo_id), None)

    def org(self, login):
        return self.orgs.get(login.lower())

    def org_repos(self, login):
        return sorted((r for r in self.repos.values() if r.owner.lower() == login.lower()),
                      key=lambda r: r.full_name.lower())

    # --- seeding --------------------------------------------------------------------------

    def seed(self, document):
        """Adds tokens, orgs and repos; returns per repo the alert counts per kind and state."""
        for spec in document.get("tokens", []):
            token = Token(spec, self.next_user_id)
            self.next_user_id = max(self.next_user_id, token.user_id) + 1
            self.tokens[token.value] = token
        for spec in document.get("orgs", []):
            login = spec["login"] if isinstance(spec, dict) else str(spec)
            self.orgs[login.lower()] = login
        seeded = []
        for spec in document.get("repos", []):
            existing = self.repos.get(str(spec.get("full_name", "")).lower())
            repo = Repository(spec, existing.id if existing else self.next_repo_id)
            self.next_repo_id = max(self.next_repo_id, repo.id + 1)
            for kind, alerts in spec.get("alerts", {}).items():
                if kind not in KINDS:
                    raise ValueError(f"repos: unknown alert kind {kind!r}; expected one of {KINDS}")
                repo.alerts[kind] = build_alerts(kind, alerts)
            self.repos[repo.full_name.lower()] = repo
            seeded.append(repo.summary())
        return seeded

    def state(self):
        return {"tokens": [t.to_json() for t in self.tokens.values()],
                "orgs": [{"login": login, "repos": [r.full_name for r in self.org_repos(login)]}
                         for login in sorted(self.orgs.values())],
                "repos": [r.summary() for r in sorted(self.repos.values(),
                                                      key=lambda r: r.full_name.lower())]}


def build_alerts(kind, spec):
    """Alerts from a count N, {"count": N, "state": S}, or a list of partial alert records."""
    if isinstance(spec, int):
        spec = {"count": spec}
    if isinstance(spec, dict):
        count, state = int(spec["count"]), spec.get("state")
        if state is not None and state not in STATES[kind]:
            raise ValueError(f"alerts: {kind} state must be one of {', '.join(STATES[kind])}")
        return [generated_alert(kind, n, state) for n in range(1, count + 1)]
    if not isinstance(spec, list):
        raise ValueError("alerts: expected a count, {count, state} or a list of alerts")
    alerts = []
    for index, partial in enumerate(spec, start=1):
        number = int(partial.get("number", index))
        alert = generated_alert(kind, number, partial.get("state"))
        unknown = set(partial) - set(alert)
        if unknown:
            raise ValueError(f"alerts: unknown {kind} fields {sorted(unknown)}")
        alert.update(partial)
        if alert["state"] not in STATES[kind]:
            raise ValueError(f"alerts: {kind} state must be one of {', '.join(STATES[kind])}")
        alerts.append(alert)
    if len({a["number"] for a in alerts}) != len(alerts):
        raise ValueError(f"alerts: duplicate {kind} alert numbers")
    return alerts


SECURITY_LEVELS = ("critical", "high", "medium", "low")
SARIF_LEVELS = ("error", "warning", "note")
PACKAGES = (("npm", "lodash", "package-lock.json"), ("pip", "requests", "requirements.txt"),
            ("maven", "org.apache.logging.log4j:log4j-core", "pom.xml"),
            ("go", "golang.org/x/net", "go.mod"), ("rubygems", "rack", "Gemfile.lock"))
SECRET_TYPES = (("github_personal_access_token", "GitHub Personal Access Token", "ghp_"),
                ("aws_access_key_id", "AWS Access Key ID", "AKIA"),
                ("slack_incoming_webhook_url", "Slack Incoming Webhook URL",
                 "https://hooks.slack.com/services/T0/B0/"),
                ("stripe_api_key", "Stripe API Key", "sk_live_"))


def generated_alert(kind, n, state):
    """Alert number n of a kind: deterministic, with severities and states in a fixed cycle."""
    common = {"number": n, "created_at": BASE_TIME + 3600 * n, "updated_at": BASE_TIME + 3600 * n,
              "dismissed_reason": None, "fixed_at": None}
    if kind == "code_scanning":
        # Every fifth alert comes from a non-security rule: SARIF severity only.
        security = None if n % 5 == 0 else SECURITY_LEVELS[n % 4]
        alert = {**common, "state": state or _cycle(n, ("open", "open", "open", "dismissed",
                                                        "open", "fixed")),
                 "rule_id": f"js/rule-{n % 7}", "rule_name": f"Rule {n % 7}",
                 "rule_description": f"Emulated rule {n % 7}", "rule_severity": SARIF_LEVELS[n % 3],
                 "security_severity_level": security, "tool": "CodeQL",
                 "path": f"src/module{n % 11}.js", "start_line": 10 + n, "message": f"Finding {n}",
                 "ref": "refs/heads/main"}
    elif kind == "dependabot":
        ecosystem, package, manifest = PACKAGES[n % len(PACKAGES)]
        alert = {**common, "state": state or _cycle(n, ("open", "open", "fixed", "open",
                                                        "dismissed", "auto_dismissed", "open")),
                 "ghsa_id": f"GHSA-{n:04d}-emu0-{n % 97:04d}",
                 "cve_id": None if n % 6 == 0 else f"CVE-2024-{10000 + n}",
                 "severity": SECURITY_LEVELS[n % 4], "summary": f"Vulnerability {n} in {package}",
                 "ecosystem": ecosystem, "package": package, "manifest_path": manifest,
                 "scope": "development" if n % 4 == 0 else "runtime",
                 "vulnerable_version_range": "< 2.0.0", "first_patched_version": "2.0.0",
                 "cvss_score": round(3.0 + (n % 70) / 10, 1)}
    else:
        secret_type, display, prefix = SECRET_TYPES[n % len(SECRET_TYPES)]
        alert = {**common, "state": state or _cycle(n, ("open", "open", "resolved")),
                 "secret_type": secret_type, "secret_type_display_name": display,
                 "secret": f"{prefix}EMULATED{n:06d}SECRETLITERAL",
                 "path": f"config/settings{n % 5}.yml", "start_line": n % 40 + 1,
                 "validity": ("active", "inactive", "unknown")[n % 3], "resolution": None,
                 "push_protection_bypassed": n % 10 == 0, "publicly_leaked": False}
        if alert["state"] == "resolved":
            alert["resolution"] = "revoked"
    if alert["state"] in ("dismissed", "auto_dismissed"):
        alert["dismissed_reason"] = "tolerable_risk" if kind == "dependabot" else "false positive"
    if alert["state"] == "fixed":
        alert["fixed_at"] = alert["created_at"] + 86400
    return alert


def _cycle(n, values):
    return values[n % len(values)]


def _optional_list(spec, key):
    value = spec.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError(f"tokens: {key} must be a list or null")
    return [str(v) for v in value]
