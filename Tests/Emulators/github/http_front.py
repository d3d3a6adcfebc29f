"""The HTTP side: prefix handling, authentication, latency, rate limits, faults, the call log."""

import itertools
import json
import time
import traceback
import urllib.parse

import control_api
from api_routes import Answer, Request, answer, endpoint_of, token_from
from github_store import Store
from emulator_kit.call_log import CallLog
from emulator_kit.fault_queue import FaultQueue
from emulator_kit.http_front import EmulatorHandler, bind
from traffic_control import Fault, RateLimiter

ENTERPRISE_PREFIX = "/api/v3"  # where gh sends REST calls for any host but github.com
RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
SECONDARY_TEXT = ("You have exceeded a secondary rate limit. Please wait a few minutes before "
                  "you try again. If you reach out to GitHub Support for help, please include "
                  "the request ID {request_id}.")
REDACTED_PARAMETERS = {"access_token", "client_secret"}


class Emulator:
    """Everything one emulator process holds; the control API resets it in place."""

    def __init__(self, make_settings, seed=None, verbose=False):
        self.make_settings = make_settings
        self.seed_document = seed
        self.verbose = verbose
        self.store = Store()
        self.settings = make_settings()
        self.limiter = RateLimiter(self.settings)
        self.faults = FaultQueue(Fault)
        self.calls = CallLog(count_key="endpoint")
        self.request_ids = itertools.count(1)
        self.listeners = {}  # "http"/"https" -> port, for /_emulator/health
        if seed:
            self.store.seed(seed)

    def reset(self):
        with self.store.lock:
            self.store.clear()
            if self.seed_document:
                self.store.seed(self.seed_document)
        self.settings.__dict__.update(self.make_settings().__dict__)
        self.limiter.reset()
        self.faults.clear()
        self.calls.clear()


def split_prefix(path):
    """(prefix, API path): /api/v3/x -> ("/api/v3", "/x"), /api/graphql -> ("/api/v3",
    "/graphql"), anything else -> ("", path)."""
    if path == "/api/graphql":
        return ENTERPRISE_PREFIX, "/graphql"
    if path == ENTERPRISE_PREFIX or path.startswith(ENTERPRISE_PREFIX + "/"):
        return ENTERPRISE_PREFIX, path[len(ENTERPRISE_PREFIX):] or "/"
    return "", path


class GithubHandler(EmulatorHandler):
    http_methods = ("GET", "POST", "DELETE", "PATCH")
    server_header = "GitHub.com"
    control_headers = {}  # send() adds GitHub's JSON content type
    program = "github-emulator"
    control_api = control_api
    scheme = "http"

    def serve_api(self, http_method, url, body):
        try:
            self.serve_github(http_method, url, body)
        except Exception:  # a bug in the emulator: say so loudly, and still answer
            traceback.print_exc()
            self.send(500, {}, b'{"message":"emulator error, see its stderr"}')

    def serve_github(self, http_method, url, body):
        emulator = self.emulator
        started = time.monotonic()
        prefix, path = split_prefix(url.path)
        pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        links = {"api": f"{self.scheme}://{host}{prefix}", "web": f"{self.scheme}://{host}"}
        endpoint = endpoint_of(http_method, path)[0]
        token, refusal = token_from(emulator.store, self.headers.get("Authorization"))
        entry = {"time": time.time(), "method": http_method, "path": path, "prefix": prefix,
                 "query": {k: ("[redacted]" if k in REDACTED_PARAMETERS else v)
                           for k, v in pairs},
                 "endpoint": endpoint, "login": token.login if token else None,
                 "auth": "invalid" if refusal else "token" if token else "none",
                 "tls": self.scheme == "https", "client": self.client_address[0], "fault": None}
        if emulator.settings.latency_ms:
            time.sleep(emulator.settings.latency_ms / 1000)
        self.token_headers = ({"X-OAuth-Scopes": ", ".join(token.scopes)}
                              if token and token.kind == "classic" else {})
        rate_key = f"token:{token.value}" if token else f"ip:{self.client_address[0]}"
        request_id = f"EMU0:{next(emulator.request_ids):06X}"
        if refusal:
            self.respond(entry, started, refusal, emulator.limiter.snapshot(rate_key), request_id)
            return
        if endpoint == "rate_limit":  # not counted, as on GitHub
            self.respond(entry, started, self.rate_limit_answer(rate_key, token),
                        emulator.limiter.snapshot(rate_key), request_id)
            return
        admitted, rate_headers = emulator.limiter.take(rate_key)
        if not admitted:
            self.respond(entry, started, primary_limit_answer(
                emulator.settings.rate_limit_status, token, self.client_address[0]),
                rate_headers, request_id)
            return
        fault = emulator.faults.take(path)
        if fault:
            entry["fault"] = fault.kind
            if fault.kind == "slow":
                time.sleep(fault.delay_ms / 1000)
            elif fault.kind == "reset":
                self.record(entry, started, None)
                self.reset_connection()
                return
            else:
                fault_answer, rate_headers = self.fault_answer(fault, token, rate_headers,
                                                               request_id)
                self.respond(entry, started, fault_answer, rate_headers, request_id)
                return
        request = Request(http_method, path, pairs, links, token, body)
        with emulator.store.lock:
            result = answer(emulator.store, emulator.settings, request)
        self.respond(entry, started, result, rate_headers, request_id)

    def rate_limit_answer(self, rate_key, token):
        headers = self.emulator.limiter.snapshot(rate_key)
        core = {"limit": int(headers["x-ratelimit-limit"]),
                "remaining": int(headers["x-ratelimit-remaining"]),
                "used": int(headers["x-ratelimit-used"]),
                "reset": int(headers["x-ratelimit-reset"]), "resource": "core"}
        other = {"limit": 5000, "remaining": 5000, "used": 0, "reset": core["reset"]}
        body = {"resources": {"core": core, "search": {**other, "limit": 30, "remaining": 30,
                                                       "resource": "search"},
                              "graphql": {**other, "resource": "graphql"}},
                "rate": core}
        return Answer(200, body)

    def fault_answer(self, fault, token, rate_headers, request_id):
        if fault.kind == "http-error":
            reason = self.responses.get(fault.status, ("Error",))[0]
            return Answer(fault.status, {"message": fault.message or reason,
                                         "documentation_url": "https://docs.github.com/rest",
                                         "status": str(fault.status)}), rate_headers
        if fault.kind == "rate-limit-primary":
            limit = int(rate_headers["x-ratelimit-limit"])
            exhausted = dict(rate_headers, **{
                "x-ratelimit-remaining": "0", "x-ratelimit-used": str(limit),
                "x-ratelimit-reset": str(int(time.time()) + fault.retry_after)})
            return primary_limit_answer(fault.status, token, self.client_address[0],
                                        fault.message), exhausted
        text = fault.message or SECONDARY_TEXT.format(request_id=request_id)
        return Answer(fault.status, {
            "message": text, "documentation_url": RATE_DOCS + "#about-secondary-rate-limits",
            "status": str(fault.status)}, {"retry-after": str(fault.retry_after)}), rate_headers

    def respond(self, entry, started, result, rate_headers, request_id):
        headers = {"X-GitHub-Api-Version-Selected": "2022-11-28",
                   "X-GitHub-Media-Type": "github.v3; format=json",
                   "X-GitHub-Request-Id": request_id, **rate_headers, **self.token_headers,
                   **result.headers}
        payload = b"" if result.body is None else json.dumps(result.body,
                                                             separators=(",", ":")).encode()
        if isinstance(result.body, dict) and result.status >= 400:
            entry["message"] = result.body.get("message")
        self.record(entry, started, result.status)
        self.send(result.status, headers, payload)

    def verbose_line(self, entry):
        return f"{entry['method']} {entry['path']} [{entry['auth']}] -> {entry['status']}"

    def send(self, status, headers, body):
        leading = {"Content-Type": "application/json; charset=utf-8"} if body else {}
        super().send(status, {**leading, "Content-Length": str(len(body)), **headers}, body)


def primary_limit_answer(status, token, client, message=None):
    if message is None:
        message = (f"API rate limit exceeded for user ID {token.user_id}." if token else
                   f"API rate limit exceeded for {client}. (But here's the good news: "
                   "Authenticated requests get a higher rate limit. Check out the documentation "
                   "for more details.)")
    return Answer(status, {"message": message,
                           "documentation_url": RATE_DOCS + "#primary-rate-limit",
                           "status": str(status)})


def serve(emulator, host, port, scheme="http"):
    """Binds the listener (port 0 = any free port) and returns the server, not yet serving."""
    return bind(GithubHandler, emulator, host, port, scheme=scheme)
