#!/usr/bin/env python3
"""Hetzner Cloud + Robot API emulator for tests and benchmarks (Python 3 standard library only).

    python3 emulator.py --port 0 --port-file PORT_FILE [--host 127.0.0.1] [--seed SEED.json]
                        [--action-duration SECONDS] [--rate-limit PER_HOUR] [--verbose]

The Cloud API answers under /v1 (HCLOUD_ENDPOINT=http://HOST:PORT/v1), the Robot webservice
under /robot (base URL http://HOST:PORT/robot), the control API under /_emulator/.
See README.md next to this file.
"""

import argparse
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from http_front import Emulator, serve  # noqa: E402
from settings import Settings  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="hetzner-emulator", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="listen port; 0 picks a free one")
    parser.add_argument("--port-file", help="write the bound port here once listening")
    parser.add_argument("--seed", help="JSON seed applied at start and again on every reset")
    parser.add_argument("--action-duration", type=float, default=0.2, metavar="SECONDS",
                        help="how long actions stay running (default 0.2; negative = forever)")
    parser.add_argument("--rate-limit", type=int, default=3600, metavar="PER_HOUR",
                        help="Cloud token bucket capacity, refilled at PER_HOUR/3600 per second")
    parser.add_argument("--verbose", action="store_true", help="one line per call on stderr")
    return parser.parse_args(argv)


def main(argv):
    arguments = parse_arguments(argv)
    seed = None
    if arguments.seed:
        with open(arguments.seed, encoding="utf-8") as handle:
            seed = json.load(handle)
    emulator = Emulator(lambda: Settings(arguments.action_duration, arguments.rate_limit), seed,
                        arguments.verbose)
    server = serve(emulator, arguments.host, arguments.port)
    port = server.server_address[1]
    if arguments.port_file:
        temporary = f"{arguments.port_file}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f"{port}\n")
        os.replace(temporary, arguments.port_file)  # readers never see a half-written file
    print(f"hetzner-emulator: listening on http://{arguments.host}:{port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
