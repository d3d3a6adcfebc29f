#!/usr/bin/env python3
"""CloudNS HTTP API emulator for tests and demos (Python 3 standard library only).

    python3 emulator.py --port 0 --port-file PORT_FILE [--state-file STATE.json]
                        [--seed SEED.json] [--challtestsrv http://127.0.0.1:8055]
                        [--propagation-delay SECONDS] [--servers N]
                        [--rate-limit PER_SECOND[,PER_MINUTE[,PER_HOUR]]] [--accept-ttl-600]
                        [--tls-port P --tls-cert PEM --tls-key PEM --proxy-port P]
                        [--dns-shim-port P --dns-upstream HOST:PORT]

CloudNS methods answer at /dns/<method>.json (and /login/login.json); the emulator's own
control API lives under /_emulator/. The optional TLS listener, CONNECT proxy and DNS shim
form the route for clients hard-wired to https://api.cloudns.net (tls_route.py, dns_shim.py).
See README.md next to this file.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from account_store import Settings  # noqa: E402
from dns_shim import DnsShim  # noqa: E402
from http_front import Emulator, serve  # noqa: E402
from emulator_kit.connections import wrap_in_tls  # noqa: E402
from emulator_kit.process import (add_listen_arguments, load_seed,  # noqa: E402
                                  serve_in_background, serve_until_terminated)
from tls_route import ConnectProxy  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="cloudns-emulator", description=__doc__.split("\n")[0])
    add_listen_arguments(parser)
    parser.add_argument("--state-file", help="load the account from here at start (if present) "
                        "and save it after every change (mode 0600)")
    parser.add_argument("--seed", help="JSON seed (identities, zones) applied at start when the "
                        "state file is absent, and again on every control-API reset")
    parser.add_argument("--challtestsrv", metavar="URL",
                        help="pebble-challtestsrv management URL to mirror TXT records into")
    parser.add_argument("--propagation-delay", type=float, default=0.0, metavar="SECONDS",
                        help="seconds after a change until the last server reports updated")
    parser.add_argument("--servers", type=int, default=4, help="CloudNS servers in update-status")
    parser.add_argument("--rate-limit", default="20,600,36000",
                        metavar="PER_SECOND[,PER_MINUTE[,PER_HOUR]]",
                        help="requests per client IP; 0 disables a window (default 20,600,36000)")
    parser.add_argument("--accept-ttl-600", action="store_true",
                        help="also accept TTL 600 (the 2022 get-available-ttl answer had it)")
    parser.add_argument("--verbose", action="store_true", help="one line per call on stderr")
    route = parser.add_argument_group("route for clients hard-wired to https://api.cloudns.net")
    route.add_argument("--tls-port", type=int, help="also serve the API over TLS on this port")
    route.add_argument("--tls-cert", metavar="PEM", help="certificate for api.cloudns.net")
    route.add_argument("--tls-key", metavar="PEM", help="its private key")
    route.add_argument("--proxy-port", type=int,
                       help="CONNECT proxy tunnelling only api.cloudns.net:443 to --tls-port")
    route.add_argument("--dns-shim-port", type=int,
                       help="UDP DNS answering SOA for the zones, relaying the rest upstream")
    route.add_argument("--dns-upstream", metavar="HOST:PORT",
                       help="where the DNS shim relays other queries (challtestsrv's DNS)")
    arguments = parser.parse_args(argv)
    if arguments.tls_port is not None and not (arguments.tls_cert and arguments.tls_key):
        parser.error("--tls-port needs --tls-cert and --tls-key")
    if arguments.proxy_port is not None and arguments.tls_port is None:
        parser.error("--proxy-port needs --tls-port")
    if arguments.dns_shim_port is not None and not arguments.dns_upstream:
        parser.error("--dns-shim-port needs --dns-upstream")
    try:
        limits = [int(part) for part in arguments.rate_limit.split(",")]
    except ValueError:
        parser.error(f"--rate-limit: expected integers, got {arguments.rate_limit!r}")
    if not 1 <= len(limits) <= 3:
        parser.error("--rate-limit: expected one to three comma-separated integers")
    arguments.rate_limits = tuple(limits + [600, 36000][len(limits) - 1:])
    return arguments


def main(argv):
    arguments = parse_arguments(argv)

    def make_settings():
        return Settings(arguments.propagation_delay, arguments.servers, arguments.rate_limits,
                        arguments.accept_ttl_600)

    emulator = Emulator(make_settings, arguments.state_file, load_seed(arguments.seed),
                        arguments.challtestsrv, arguments.verbose)
    server = serve(emulator, arguments.host, arguments.port)
    extras = start_route(emulator, arguments)  # listening before the port file says "ready"
    return serve_until_terminated(server, arguments, "cloudns-emulator", extras=extras,
                                  cleanup=emulator.mirror.stop if emulator.mirror else None)


def start_route(emulator, arguments):
    """Starts the optional TLS listener, CONNECT proxy and DNS shim, each on its own thread."""
    host, extras = arguments.host, []
    if arguments.tls_port is not None:
        tls = wrap_in_tls(serve(emulator, host, arguments.tls_port), arguments.tls_cert,
                          arguments.tls_key, "cloudns-emulator")
        extras.append(tls)
        print(f"cloudns-emulator: TLS listener on {host}:{tls.server_address[1]}", flush=True)
    if arguments.proxy_port is not None:
        proxy = ConnectProxy((host, arguments.proxy_port), extras[0].server_address[1],
                             arguments.verbose)
        extras.append(proxy)
        emulator.native_route["proxy"] = proxy
        print(f"cloudns-emulator: CONNECT proxy on {host}:{proxy.server_address[1]}", flush=True)
    if arguments.dns_shim_port is not None:
        shim = DnsShim((host, arguments.dns_shim_port), emulator.store, arguments.dns_upstream,
                       arguments.verbose)
        extras.append(shim)
        emulator.native_route["dns_shim_port"] = shim.server_address[1]
        print(f"cloudns-emulator: DNS shim on {host}:{shim.server_address[1]}", flush=True)
    for extra in extras:
        serve_in_background(extra)
    return extras


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
