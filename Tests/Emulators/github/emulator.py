#!/usr/bin/env python3
"""GitHub REST API emulator (security alerts) for tests of tools that call `gh api`.

    python3 emulator.py --port 0 --port-file PORT_FILE [--tls] [--tls-port 0]
                        [--env-file ENV_FILE] [--work-dir DIR] [--seed SEED.json]
                        [--latency-ms N] [--per-page-default N] [--rate-limit N] [--verbose]

The REST endpoints answer both at / (github.com style) and under /api/v3 (the prefix gh uses for
any GH_HOST but github.com). With --tls a second listener serves the same over https with a CA
made at start-up; --env-file then names the environment gh needs. The control API lives under
/_emulator/. See README.md next to this file.
"""

import argparse
import os
import shlex
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from certificates import make_certificates  # noqa: E402
from emulator_kit.connections import wrap_in_tls  # noqa: E402
from emulator_kit.process import (add_listen_arguments, load_seed,  # noqa: E402
                                  serve_in_background, serve_until_terminated, write_atomically)
from http_front import Emulator, serve  # noqa: E402
from traffic_control import Settings  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="github-emulator", description=__doc__.split("\n")[0])
    add_listen_arguments(parser, port_help="plain http port; 0 picks a free one",
                         port_file_help="write the http port here once everything listens")
    parser.add_argument("--tls", action="store_true",
                        help="also serve https with a fresh CA (needs openssl), for GH_HOST")
    parser.add_argument("--tls-port", type=int, default=0, help="https port; 0 picks a free one")
    parser.add_argument("--env-file", help="write the environment for gh here (KEY=VALUE lines)")
    parser.add_argument("--work-dir", help="where the CA and an empty gh config dir go "
                        "(default: a temporary directory removed at exit)")
    parser.add_argument("--seed", help="JSON seed (tokens, orgs, repos) applied at start and "
                        "again on every control-API reset")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay every API answer")
    parser.add_argument("--per-page-default", type=int, default=30,
                        help="page size when the client sends no per_page (GitHub: 30)")
    parser.add_argument("--rate-limit", type=int, default=5000,
                        help="primary limit per token per hour (GitHub: 5000)")
    parser.add_argument("--verbose", action="store_true", help="one line per call on stderr")
    return parser.parse_args(argv)


def environment_for_gh(host, http_port, tls_port, work_dir, ca_file):
    """The variables a test exports before running gh; the token is the caller's to add."""
    config_dir = os.path.join(work_dir, "gh-config")
    os.makedirs(config_dir, mode=0o700, exist_ok=True)
    variables = {"GITHUB_EMULATOR_URL": f"http://{host}:{http_port}",
                 "GH_CONFIG_DIR": config_dir, "GH_NO_UPDATE_NOTIFIER": "1",
                 "GH_PROMPT_DISABLED": "1", "GH_PAGER": "cat", "NO_COLOR": "1"}
    if tls_port is not None:
        variables.update({"GITHUB_EMULATOR_TLS_URL": f"https://{host}:{tls_port}",
                          "GH_HOST": f"{host}:{tls_port}", "SSL_CERT_FILE": ca_file})
    return variables


def main(argv):
    arguments = parse_arguments(argv)

    def make_settings():
        return Settings(latency_ms=arguments.latency_ms,
                        per_page_default=arguments.per_page_default,
                        rate_limit=arguments.rate_limit)

    owned_work_dir = arguments.work_dir is None
    work_dir = arguments.work_dir or tempfile.mkdtemp(prefix="github-emulator-")
    emulator = Emulator(make_settings, load_seed(arguments.seed), arguments.verbose)
    servers = [serve(emulator, arguments.host, arguments.port)]
    http_port = servers[0].server_address[1]
    emulator.listeners["http"] = http_port
    tls_port = ca_file = None
    if arguments.tls:
        ca_file, certificate, key = make_certificates(os.path.join(work_dir, "tls"))
        servers.append(wrap_in_tls(serve(emulator, arguments.host, arguments.tls_port, "https"),
                                   certificate, key, "github-emulator"))
        tls_port = servers[1].server_address[1]
        emulator.listeners["https"] = tls_port
        emulator.listeners["ca_file"] = ca_file
    variables = environment_for_gh(arguments.host, http_port, tls_port, work_dir, ca_file)
    if arguments.env_file:
        write_atomically(arguments.env_file, "".join(f"{k}={shlex.quote(v)}\n"
                                                     for k, v in variables.items()))
    for extra in servers[1:]:
        serve_in_background(extra)
    notes = [] if tls_port is None else \
        [f"TLS on https://{arguments.host}:{tls_port} (CA {ca_file})"]
    return serve_until_terminated(
        servers[0], arguments, "github-emulator", notes=notes, extras=servers[1:],
        cleanup=(lambda: shutil.rmtree(work_dir, ignore_errors=True)) if owned_work_dir else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
