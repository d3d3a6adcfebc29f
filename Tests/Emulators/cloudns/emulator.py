#!/usr/bin/env python3
"""CloudNS HTTP API emulator for tests and demos (Python 3 standard library only).

    python3 emulator.py --port 0 --port-file PORT_FILE [--state-file STATE.json]
                        [--seed SEED.json] [--challtestsrv http://127.0.0.1:8055]
                        [--propagation-delay SECONDS] [--servers N]
                        [--rate-limit PER_SECOND[,PER_MINUTE[,PER_HOUR]]] [--accept-ttl-600]

CloudNS methods answer at /dns/<method>.json (and /login/login.json); the emulator's own
control API lives under /_emulator/. See README.md next to this file.
"""

import argparse
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from account_store import Settings  # noqa: E402
from http_front import Emulator, serve  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="cloudns-emulator", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="listen port; 0 picks a free one")
    parser.add_argument("--port-file", help="write the bound port here once listening")
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
    arguments = parser.parse_args(argv)
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

    seed = None
    if arguments.seed:
        with open(arguments.seed, encoding="utf-8") as handle:
            seed = json.load(handle)
    emulator = Emulator(make_settings, arguments.state_file, seed, arguments.challtestsrv,
                        arguments.verbose)
    server = serve(emulator, arguments.host, arguments.port)
    port = server.server_address[1]
    if arguments.port_file:
        temporary = f"{arguments.port_file}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f"{port}\n")
        os.replace(temporary, arguments.port_file)  # readers never see a half-written file
    print(f"cloudns-emulator: listening on http://{arguments.host}:{port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        if emulator.mirror:
            emulator.mirror.stop()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
