"""The emulator process's entry: --host/--port/--port-file, the seed file, the port file written
atomically, and serving until SIGTERM (exit 0) or ^C."""

import json
import os
import signal
import sys
import threading


def add_listen_arguments(parser, port_help="listen port; 0 picks a free one",
                         port_file_help="write the bound port here once listening"):
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help=port_help)
    parser.add_argument("--port-file", help=port_file_help)


def load_seed(path):
    """The JSON seed document at `path`, or None without one."""
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_atomically(path, text):
    temporary = f"{path}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)  # readers never see a half-written file


def serve_in_background(server):
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                     daemon=True).start()


def serve_until_terminated(server, arguments, program, notes=(), extras=(), cleanup=None):
    """Writes the port file (once everything listens), says where `server` listens plus `notes`,
    and serves until SIGTERM (exit status 0) or ^C; then stops `extras` (servers already
    serving in the background), closes `server` and runs `cleanup`. Returns 0."""
    port = server.server_address[1]
    if arguments.port_file:
        write_atomically(arguments.port_file, f"{port}\n")
    print(f"{program}: listening on http://{arguments.host}:{port}", flush=True)
    for note in notes:
        print(f"{program}: {note}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for extra in extras:
            extra.shutdown()
            extra.server_close()
        server.server_close()
        if cleanup:
            cleanup()
    return 0
