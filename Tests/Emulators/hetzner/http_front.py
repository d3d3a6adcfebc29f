"""The HTTP side: routes /v1 (Cloud), /robot (Robot) and /_emulator (control) through faults,
rate limits and the call log. A log entry is written before its answer is sent."""

import json
import secrets
import time
import urllib.parse

import cloud_router
import control_api
import robot_api
from cloud_errors import ApiError, envelope
from emulator_kit.call_log import CallLog
from emulator_kit.http_front import EmulatorHandler, bind
from project_store import Store
from seeding import apply_seed
from traffic_control import FaultBook, RobotLimits, TokenBuckets

PROXY_PAGE = ("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
              "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
              "</body>\r\n</html>\r\n")
CODE_OF_STATUS = {400: "invalid_input", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                  409: "conflict", 422: "service_error", 423: "locked",
                  429: "rate_limit_exceeded", 500: "server_error", 502: "bad_gateway",
                  503: "unavailable", 504: "timeout"}
REDACTED_BODY_KEYS = ("private_key", "password")


class Emulator:
    """Everything one emulator process holds; the control API resets it in place."""

    def __init__(self, make_settings, seed=None, verbose=False):
        self.make_settings = make_settings
        self.seed_document = seed
        self.verbose = verbose
        self.store = Store(make_settings())
        self.faults = FaultBook()
        self.store.action_fault = self.faults.take_action_error
        self.calls = CallLog(count_key=lambda entry: f"{entry['method']} {entry['path']}")
        self.buckets = TokenBuckets(self.store.settings)
        self.robot_limits = RobotLimits(self.store.settings)
        if seed:
            apply_seed(self.store, seed)

    def reset(self):
        with self.store.lock:
            self.store.clear()
            self.store.settings = self.make_settings()
            self.buckets.settings = self.robot_limits.settings = self.store.settings
            if self.seed_document:
                apply_seed(self.store, self.seed_document)
        self.buckets.reset()
        self.robot_limits.reset()
        self.faults.clear()
        self.calls.clear()


class HetznerHandler(EmulatorHandler):
    http_methods = ("GET", "POST", "PUT", "DELETE")
    server_header = "nginx"  # the real APIs sit behind nginx-style proxies
    program = "hetzner-emulator"
    control_api = control_api

    def serve_api(self, http_method, url, body):
        api = "cloud" if url.path.startswith("/v1/") else \
            "robot" if url.path.startswith("/robot/") else None
        authorization = self.headers.get("Authorization", "")
        entry = {"time": time.time(), "api": api, "method": http_method, "path": url.path,
                 "query": urllib.parse.parse_qs(url.query), "client": self.client_address[0],
                 "auth": authorization.partition(" ")[0].lower() or "none",
                 "body": loggable_body(body), "fault": None, "error": None}
        started = time.monotonic()
        fault = self.emulator.faults.take(http_method, url.path) if api else None
        if fault:
            entry["fault"] = fault.kind
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif not fault.after_apply:
                self.inject(entry, started, fault, api)
                return
        if api == "cloud":
            status, headers, payload = self.cloud(http_method, url, body, authorization, entry)
        elif api == "robot":
            status, headers, payload = self.robot(http_method, url, body, authorization, entry)
        else:
            status, headers, payload = 404, {"Content-Type": "text/html"}, PROXY_PAGE.format(
                code=404, reason="Not Found").encode()
        if fault and fault.kind != "slow":
            entry["applied_status"] = status
            self.inject(entry, started, fault, api)
            return
        self.record(entry, started, status)
        self.send(status, headers, payload)

    def cloud(self, http_method, url, body, authorization, entry):
        emulator = self.emulator
        headers = {"Content-Type": "application/json", "X-Correlation-Id": secrets.token_hex(8)}
        try:
            try:
                identity = cloud_router.authenticate(emulator.store, authorization)
                entry["project"] = identity[0]
                bucket = f"project:{identity[0]}"
            except ApiError:
                identity, bucket = None, f"client:{self.client_address[0]}"
            allowed, limit_headers = emulator.buckets.take(bucket)
            headers.update(limit_headers)
            if not allowed:
                raise ApiError("rate_limit_exceeded", f"limit of "
                               f"{emulator.store.settings.rate_limit['limit']} requests per hour "
                               "reached")
            if identity is None:
                raise ApiError("unauthorized", "unable to authenticate")
            request_url = f"http://{self.headers.get('Host', '127.0.0.1')}{url.path}"
            status, payload, extra = cloud_router.dispatch(
                emulator.store, http_method, url.path, urllib.parse.parse_qs(url.query), body,
                identity, request_url)
            headers.update(extra)
        except ApiError as error:
            entry["error"] = error.code
            status, payload = error.status, error.payload()
        if payload is None:
            del headers["Content-Type"]
            return status, headers, b""
        return status, headers, json.dumps(payload).encode()

    def robot(self, http_method, url, body, authorization, entry):
        emulator = self.emulator
        path = url.path[len("/robot"):]
        try:
            user = robot_api.authenticate(emulator.store, emulator.robot_limits, authorization,
                                          self.client_address[0])
            status, payload, as_yaml = robot_api.dispatch(
                emulator.store, emulator.robot_limits, user, http_method, path,
                self.headers.get("Content-Type", ""), body)
        except robot_api.RobotError as error:
            entry["error"] = error.payload["error"]["code"]
            status, payload, as_yaml = error.status, error.payload, path.endswith(".yaml")
        if as_yaml:
            return status, {"Content-Type": "application/x-yaml"}, \
                (robot_api.to_yaml(payload) + "\n").encode()
        return status, {"Content-Type": "application/json"}, json.dumps(payload).encode()

    def inject(self, entry, started, fault, api):
        if fault.kind == "reset":
            self.record(entry, started, None)
            self.reset_connection()
            return
        headers = {"Content-Type": "application/json"}
        if fault.kind == "invalid-json":
            self.record(entry, started, fault.status)
            self.send(fault.status, headers, b'{"servers": [{"id": 1, "na')
            return
        status = fault.status
        if fault.kind == "rate-limit":
            headers.update({"RateLimit-Limit": str(self.emulator.store.settings.rate_limit[
                "limit"]), "RateLimit-Remaining": "0", "RateLimit-Reset": str(int(time.time()) + 60)})
            status = 403 if api == "robot" else fault.status
        code = fault.code or ("RATE_LIMIT_EXCEEDED" if fault.kind == "rate-limit" and api == "robot"
                              else "rate_limit_exceeded" if fault.kind == "rate-limit"
                              else "locked" if fault.kind == "locked"
                              else CODE_OF_STATUS.get(status, "server_error"))
        message = fault.message or f"emulated {code}"
        self.record(entry, started, status)
        if fault.body == "html" and fault.kind == "http-error":
            reason = self.responses.get(status, ("Error",))[0]
            self.send(status, {"Content-Type": "text/html"},
                      PROXY_PAGE.format(code=status, reason=reason).encode())
        elif fault.body == "empty" and fault.kind == "http-error":
            self.send(status, {}, b"")
        elif api == "robot":
            extra = {"max_request": 200, "interval": 3600} if fault.kind == "rate-limit" else {}
            self.send(status, headers, json.dumps({"error": {
                "status": status, "code": code.upper(), "message": message, **extra}}).encode())
        else:
            headers["X-Correlation-Id"] = secrets.token_hex(8)
            self.send(status, headers, json.dumps(envelope(code, message)).encode())

    def verbose_line(self, entry):
        return (f"{entry['method']} {entry['path']} -> {entry['status']}"
                f"{' ' + entry['error'] if entry['error'] else ''}")


def loggable_body(body):
    """The request body for the call log, with private keys and passwords removed."""
    if not body:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        pairs = urllib.parse.parse_qs(body.decode(errors="replace"))
        return {k: "<redacted>" if k in REDACTED_BODY_KEYS else v[-1] for k, v in pairs.items()} \
            if pairs else "<unparsed>"
    if isinstance(document, dict):
        return {k: "<redacted>" if k in REDACTED_BODY_KEYS else v for k, v in document.items()}
    return document


def serve(emulator, host, port):
    """Binds the listener (port 0 = any free port) and returns the server, not yet serving."""
    return bind(HetznerHandler, emulator, host, port)
