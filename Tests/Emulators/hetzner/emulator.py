#!/usr/bin/env python3
"""Hetzner Cloud + Robot API emulator for tests and benchmarks (Python 3 standard library only).

    python3 emulator.py --port 0 --port-file PORT_FILE [--host 127.0.0.1] [--seed SEED.json]
                        [--action-duration SECONDS] [--rate-limit PER_HOUR] [--verbose]

The Cloud API answers under /v1 (HCLOUD_ENDPOINT=http://HOST:PORT/v1), the Robot webservice
under /robot (base URL http://HOST:PORT/robot), the control API under /_emulator/.
See README.md next to this file.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from emulator_kit.process import add_listen_arguments, load_seed, serve_until_terminated  # noqa
from http_front import Emulator, serve  # noqa: E402
from settings import Settings  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="hetzner-emulator", description=__doc__.split("\n")[0])
    add_listen_arguments(parser)
    parser.add_argument("--seed", help="JSON seed applied at start and again on every reset")
    parser.add_argument("--action-duration", type=float, default=0.2, metavar="SECONDS",
                        help="how long actions stay running (default 0.2; negative = forever)")
    parser.add_argument("--rate-limit", type=int, default=3600, metavar="PER_HOUR",
                        help="Cloud token bucket capacity, refilled at PER_HOUR/3600 per second")
    parser.add_argument("--verbose", action="store_true", help="one line per call on stderr")
    return parser.parse_args(argv)


def main(argv):
    arguments = parse_arguments(argv)
    emulator = Emulator(lambda: Settings(arguments.action_duration, arguments.rate_limit),
                        load_seed(arguments.seed), arguments.verbose)
    server = serve(emulator, arguments.host, arguments.port)
    return serve_until_terminated(server, arguments, "hetzner-emulator")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
