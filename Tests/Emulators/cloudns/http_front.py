"""The HTTP side: routes CloudNS calls through rate limiting, faults, the methods and the log."""

import json
import time

import control_api
from account_store import AccountStore
from api_methods import METHODS, answer, identity_kinds
from dns_mirror import DnsMirror
from emulator_kit.call_log import CallLog
from emulator_kit.fault_queue import FaultQueue
from emulator_kit.http_front import EmulatorHandler, bind
from request_parsing import loggable, method_name, parse_request
from traffic_control import Fault, RateLimiter

NGINX_PAGE = ("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
              "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
              "</body>\r\n</html>\r\n")
MAINTENANCE_PAGE = ("<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>"
                    "<body><h1>We are performing scheduled maintenance.</h1></body></html>\n")


class Emulator:
    """Everything one emulator process holds; the control API resets it in place."""

    def __init__(self, make_settings, state_file=None, seed=None, challtestsrv_url=None,
                 verbose=False):
        self.make_settings = make_settings
        self.seed_document = seed
        self.verbose = verbose
        self.store = AccountStore(make_settings(), state_file)
        self.limiter = RateLimiter(self.store.settings.rate_limits)
        self.faults = FaultQueue(Fault)
        self.calls = CallLog(count_key="method")
        self.mirror = DnsMirror(self.store, challtestsrv_url) if challtestsrv_url else None
        self.native_route = {}  # parts of the api.cloudns.net route, see start_route
        if not self.store.load() and seed:
            self.store.seed(seed)

    def reset(self):
        with self.store.lock:
            if self.mirror:
                self.mirror.forget_everything()
            self.store.clear()
            self.store.settings = self.make_settings()
            self.limiter.limits = self.store.settings.rate_limits
            if self.seed_document:
                self.store.seed(self.seed_document)
        self.limiter.reset()
        self.faults.clear()
        self.calls.clear()


class CloudnsHandler(EmulatorHandler):
    http_methods = ("GET", "POST", "DELETE")
    server_header = "nginx"  # the real API sits behind nginx
    program = "cloudns-emulator"
    control_api = control_api
    status_field = "http_status"

    def serve_api(self, http_method, url, body):
        method = method_name(url.path)
        if http_method not in ("GET", "POST") or method not in METHODS:
            # Undocumented in reality; an nginx 404 page is what a missing PHP route looks like.
            entry = {"time": time.time(), "method": method or url.path, "http_method": http_method,
                     "style": None, "identity": None, "params": {},
                     "client": self.client_address[0], "fault": None, "result": "not-found"}
            self.record(entry, time.monotonic(), 404)
            self.send_typed(404, "text/html",
                            NGINX_PAGE.format(code=404, reason="Not Found").encode())
            return
        style, params = parse_request(http_method, url.query,
                                      self.headers.get("Content-Type", ""), body)
        self.serve_call(method, http_method, style, params)

    def serve_call(self, method, http_method, style, params):
        emulator = self.emulator
        started = time.monotonic()
        entry = {"time": time.time(), "method": method, "http_method": http_method,
                 "style": style, "identity": "+".join(identity_kinds(params)) or "none",
                 "params": loggable(params), "client": self.client_address[0], "fault": None}
        refusal = emulator.limiter.refusal(self.client_address[0])
        if refusal:
            self.finish_call(entry, started, {"status": "Failed", "statusDescription": refusal},
                             result="blocked")
            return
        fault = emulator.faults.take(method)
        if fault:
            entry["fault"] = fault.kind
        if fault and fault.kind == "slow" and not fault.after_apply:
            time.sleep(fault.delay)
        if fault and fault.kind != "slow" and not fault.after_apply:
            self.inject(entry, started, fault)
            return
        payload = answer(emulator.store, method, params)
        if fault and fault.kind == "slow" and fault.after_apply:
            time.sleep(fault.delay)
        if fault and fault.kind != "slow" and fault.after_apply:
            entry["applied"] = describe(payload)
            self.inject(entry, started, fault)
            return
        self.finish_call(entry, started, payload, result=describe(payload))

    def finish_call(self, entry, started, payload, result):
        entry["result"] = result
        if isinstance(payload, dict) and payload.get("status") == "Failed":
            entry["status_description"] = payload.get("statusDescription")
        self.record(entry, started, 200)
        self.send_typed(200, "application/json",
                        json.dumps(payload, separators=(",", ":")).encode())

    def inject(self, entry, started, fault):
        entry["result"] = "fault"
        if fault.kind == "reset":
            self.record(entry, started, None)
            self.reset_connection()
        elif fault.kind == "http-error":
            self.record(entry, started, fault.status)
            reason = self.responses.get(fault.status, ("Error",))[0]
            self.send_typed(fault.status, "text/html",
                            NGINX_PAGE.format(code=fault.status, reason=reason).encode())
        elif fault.kind == "html":
            self.record(entry, started, fault.status)
            self.send_typed(fault.status, "text/html", MAINTENANCE_PAGE.encode())
        elif fault.kind == "invalid-json":
            self.record(entry, started, fault.status)
            self.send_typed(fault.status, "application/json", b'{"status":"Succ')
        else:  # "failed": a well-formed CloudNS failure, e.g. on records.json
            entry["status_description"] = fault.description
            self.record(entry, started, 200)
            body = {"status": "Failed", "statusDescription": fault.description}
            self.send_typed(200, "application/json",
                            json.dumps(body, separators=(",", ":")).encode())

    def verbose_line(self, entry):
        return (f"{entry['client']} {entry['method']} [{entry['style']}, {entry['identity']}] "
                f"-> {entry['result']}")

    def send_typed(self, status, content_type, body):
        self.send(status, {"Content-Type": content_type}, body)


def describe(payload):
    if isinstance(payload, dict) and payload.get("status") in ("Success", "Failed"):
        return payload["status"]
    return "data"


def serve(emulator, host, port):
    """Binds the listener (port 0 = any free port) and returns the server, not yet serving."""
    return bind(CloudnsHandler, emulator, host, port)
