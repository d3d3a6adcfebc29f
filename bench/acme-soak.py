#!/usr/bin/env python3
"""The soak behind bench/acme-soak.sh: COUNT issuances through acme-cloudns-hook with faults.

Runs in waves of up to four concurrent issuances (certbot, lego, lego RAW, dehydrated,
dehydrated with HOOK_CHAIN; NAME or NAME + *.NAME; some waves put two issuances on the same
name). Each wave gets one fault from the emulator's control API or the bench itself: a 5xx
burst, connection resets, "Request blocked" answers, slow answers, slow propagation, or a slow
DNS server (a delaying UDP relay in front of challtestsrv, which only the hook asks). Some
issuances have their first present-like hook call sent SIGTERM after a random delay.

Afterwards it counts: issued, failed with a clear error (the hook printed an error line, or was
killed), unexplained failures, leftover _acme-challenge records and changed unrelated records.
The run passes when the last three are zero. Standard library only.
"""

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SANDBOX = os.path.join(REPO, "Tests", "Emulators", "sandbox")
ISSUE_CERT = os.path.join(REPO, "Tests", "ACME", "issue-cert")
CLIENTS = ["certbot", "lego", "lego-raw", "dehydrated", "dehydrated-chain"]
# Short names: pebble reads only 512-byte DNS answers, and two concurrent NAME + *.NAME
# issuances put four values on one name.
ZONES = [f"s{n}.test" for n in range(1, 7)]
UNRELATED = [
    {"type": "A", "host": "www", "record": "192.0.2.10", "ttl": 3600},
    {"type": "MX", "host": "", "record": "mail.example.net", "ttl": 3600, "priority": 10},
    {"type": "TXT", "host": "", "record": "v=spf1 -all", "ttl": 3600},
    {"type": "TXT", "host": "_dmarc", "record": "v=DMARC1; p=none", "ttl": 3600},
]
BLOCKED = "Request blocked. 127.0.0.1 is sending more than 20 requests per second."

# The hook under test, run by the ACME clients through this wrapper: an issuance with
# SOAK_KILL_AFTER set gets its first present-like call sent SIGTERM after that many seconds.
KILLER = r"""#!/usr/bin/env bash
hook=%(hook)s
if [[ $# -eq 0 ]]; then event="certbot-${CERTBOT_AUTH_OUTPUT+cleanup}"; else event="$1"; fi
"$hook" "$@" &
pid=$!
killer=""
case "$event" in
    certbot-|present|deploy_challenge)
        if [[ -n "${SOAK_KILL_AFTER:-}" ]] && mkdir "$SOAK_KILL_MARK" 2>/dev/null; then
            ( sleep "$SOAK_KILL_AFTER"; kill -TERM "$pid" 2>/dev/null ) &
            killer=$!
        fi ;;
esac
wait "$pid"
status=$?
if [[ -n "$killer" ]]; then
    kill "$killer" 2>/dev/null
    echo "$status" >"$SOAK_KILL_MARK/status"
fi
exit "$status"
"""


def control(base, path, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


class SlowDNSRelay:
    """UDP relay to challtestsrv that holds every answer for `delay` seconds."""

    def __init__(self, upstream):
        host, port = upstream.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.delay = 0.0
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.address = "127.0.0.1:%d" % self.socket.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            query, client = self.socket.recvfrom(4096)
            threading.Thread(target=self.answer, args=(query, client, self.delay), daemon=True).start()

    def answer(self, query, client, delay):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as upstream:
            upstream.settimeout(2)
            try:
                upstream.sendto(query, self.upstream)
                reply = upstream.recvfrom(4096)[0]
            except OSError:
                return
        time.sleep(delay)
        self.socket.sendto(reply, client)


def snapshot(base):
    """(challenge records, unrelated records) the emulator holds."""
    challenges, others = [], set()
    for zone in control(base, "/state")["zones"]:
        for record in zone["records"]:
            row = (zone["name"], record["id"], record["host"], record["type"], record["record"], record["ttl"])
            if record["type"] == "TXT" and record["host"].split(".")[0] == "_acme-challenge":
                challenges.append(row)
            else:
                others.add(row)
    return challenges, others


def plan(count, rng):
    """Waves of issuances, each wave with one fault."""
    faults = ["none", "5xx", "reset", "blocked", "slow-api", "slow-propagation", "slow-dns"]
    waves, made = [], 0
    while made < count:
        size = min(count - made, rng.choice([2, 3, 3, 4, 4]))
        zones = rng.sample(ZONES, size)
        if size >= 2 and rng.random() < 0.4:
            zones[1] = zones[0]  # two issuances on the same name at once
        issuances = []
        for zone in zones:
            issuances.append({
                "number": made + len(issuances) + 1,
                "client": rng.choice(CLIENTS),
                "names": [zone, "*." + zone] if rng.random() < 0.6 else [zone],
                "kill_after": round(rng.uniform(0.05, 2.5), 2) if rng.random() < 0.25 else None,
            })
        waves.append({"fault": rng.choice(faults), "issuances": issuances})
        made += size
    return waves


def apply_fault(base, relay, fault, rng):
    """Queues or sets the wave's fault; returns a description."""
    if fault == "5xx":
        count = rng.randint(1, 4)
        status = rng.choice([500, 502, 503])
        control(base, "/faults", "POST", {"method": "*", "kind": "http-error", "status": status,
                                          "count": count, "skip": rng.randint(0, 6)})
        return f"{count} x HTTP {status}"
    if fault == "reset":
        count = rng.randint(1, 3)
        method = rng.choice(["*", "records", "add-record", "delete-record"])
        control(base, "/faults", "POST", {"method": method, "kind": "reset", "count": count,
                                          "skip": rng.randint(0, 4)})
        return f"{count} x connection reset on {method}"
    if fault == "blocked":
        count = rng.randint(1, 4)
        control(base, "/faults", "POST", {"method": "*", "kind": "failed", "description": BLOCKED,
                                          "count": count, "skip": rng.randint(0, 4)})
        return f'{count} x "Request blocked"'
    if fault == "slow-api":
        delay = round(rng.uniform(0.5, 3), 1)
        method = rng.choice(["records", "add-record", "delete-record"])
        control(base, "/faults", "POST", {"method": method, "kind": "slow", "delay": delay,
                                          "count": rng.randint(1, 3), "after_apply": rng.random() < 0.5})
        return f"{method} answers after {delay} s"
    if fault == "slow-propagation":
        delay = round(rng.uniform(2, 8), 1)
        control(base, "/settings", "POST", {"propagation_delay": delay})
        return f"propagation takes {delay} s"
    if fault == "slow-dns":
        relay.delay = round(rng.uniform(0.3, 1.5), 2)
        return f"the hook's DNS server answers after {relay.delay} s"
    return "none"


def clear_faults(base, relay):
    control(base, "/faults", "DELETE")
    control(base, "/settings", "POST", {"propagation_delay": 0})
    relay.delay = 0.0


def issue(state, env_file, killer, issuance, relay_address):
    work = os.path.join(state, "runs", "%03d-%s" % (issuance["number"], issuance["client"]))
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SANDBOX", "CLOUDNS", "ACME_CLOUDNS"))}
    if relay_address:
        environment["ACME_CLOUDNS_DNS_SERVERS"] = relay_address
    if issuance["kill_after"] is not None:
        environment["SOAK_KILL_AFTER"] = str(issuance["kill_after"])
        environment["SOAK_KILL_MARK"] = os.path.join(work, "kill")
    started = time.monotonic()
    result = subprocess.run(
        [ISSUE_CERT, "--env", env_file, "--work", work, "--trace", "--timeout", "240",
         issuance["client"], killer, *issuance["names"]],
        capture_output=True, text=True, env=environment)
    issuance["seconds"] = round(time.monotonic() - started, 2)
    issuance["status"] = result.returncode
    issuance["work"] = work
    issuance["client_output"] = result.stderr[-3000:]


def classify(issuance):
    """issued, skipped, clear (with the reason) or unexplained."""
    work = issuance["work"]
    if issuance["status"] == 0:
        return "issued", ""
    if issuance["status"] == 77:
        return "skipped", "client not installed"
    reasons = []
    try:
        with open(os.path.join(work, "kill", "status")) as handle:
            if handle.read().strip() == "143":
                reasons.append("hook killed by SIGTERM")
    except FileNotFoundError:
        pass
    try:
        with open(os.path.join(work, "hook-stderr.log"), errors="replace") as handle:
            errors = [line.strip() for line in handle if "acme-cloudns-hook: error:" in line]
        reasons += errors[:1]
    except FileNotFoundError:
        pass
    if reasons:
        return "clear", "; ".join(reasons)
    return "unexplained", issuance["client_output"].strip().splitlines()[-1:] or ["no output"]


def main():
    parser = argparse.ArgumentParser(description="ACME issuance soak with injected faults")
    parser.add_argument("count", nargs="?", type=int, default=100)
    parser.add_argument("--hook", required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", help="write the counts and every issuance here")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    hook = os.path.abspath(arguments.hook)

    # A stopped soak still stops its sandbox (the finally below).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    state = tempfile.mkdtemp(prefix="acme-soak.")
    env = dict(os.environ, SANDBOX_PROPAGATION_DELAY="0")
    started = subprocess.run([os.path.join(SANDBOX, "start"), state], capture_output=True, text=True, env=env)
    if started.returncode != 0:
        sys.exit("acme-soak: sandbox/start failed: " + started.stderr)
    try:
        return soak(arguments, rng, hook, state, started.stdout.strip().splitlines()[-1])
    finally:
        subprocess.run([os.path.join(SANDBOX, "stop"), state, "--purge"], capture_output=True)


def soak(arguments, rng, hook, state, env_file):
    values = dict(line.split("=", 1) for line in open(env_file) if "=" in line and not line.startswith("#"))
    base = values["CLOUDNS_EMULATOR_CONTROL_URL"].strip()
    killer = os.path.join(state, "killer-hook")
    with open(killer, "w") as handle:
        handle.write(KILLER % {"hook": "'" + hook.replace("'", "'\\''") + "'"})
    os.chmod(killer, 0o755)
    control(base, "/seed", "POST", {"zones": [{"name": z, "records": UNRELATED} for z in ZONES]})
    relay = SlowDNSRelay(values["DNS_RESOLVER"].strip())
    _, unrelated_before = snapshot(base)

    began = time.monotonic()
    counts = {"issued": 0, "clear": 0, "unexplained": 0, "skipped": 0}
    issuances = []
    load = os.getloadavg()[0]
    print(f"== acme-soak: {arguments.count} issuances, seed {arguments.seed}, hook {hook}, "
          f"load {load:.1f}, {os.cpu_count()} cores", flush=True)
    for number, wave in enumerate(plan(arguments.count, rng), 1):
        fault = apply_fault(base, relay, wave["fault"], rng)
        relay_address = relay.address if wave["fault"] == "slow-dns" else None
        threads = [threading.Thread(target=issue, args=(state, env_file, killer, i, relay_address))
                   for i in wave["issuances"]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        clear_faults(base, relay)
        for issuance in wave["issuances"]:
            outcome, reason = classify(issuance)
            counts[outcome] += 1
            issuance.update(outcome=outcome, reason=reason, fault=fault, wave=number)
            issuances.append(issuance)
            kill = f", SIGTERM after {issuance['kill_after']} s" if issuance["kill_after"] is not None else ""
            print(f"{issuance['number']:3d} wave {number:2d} [{fault}{kill}] {issuance['client']:16} "
                  f"{' '.join(issuance['names']):18} {outcome:11} {issuance['seconds']:6.1f} s"
                  f"{'  ' + str(reason) if reason else ''}", flush=True)
            if outcome == "unexplained":
                print(issuance["client_output"], file=sys.stderr)

    time.sleep(1)  # nothing should still be running; give a late answer a moment anyway
    leftovers, unrelated_after = snapshot(base)
    changed = len(unrelated_before ^ unrelated_after)
    wall = time.monotonic() - began
    killed = sum(1 for i in issuances if i["kill_after"] is not None)
    print(f"\n== {arguments.count} issuances in {wall:.0f} s: issued {counts['issued']}, "
          f"failed with a clear error {counts['clear']}, unexplained {counts['unexplained']}, "
          f"skipped {counts['skipped']}; {killed} with a SIGTERM scheduled; "
          f"leftover _acme-challenge records {len(leftovers)}, unrelated records changed {changed}")
    for row in leftovers:
        print("   leftover:", row)
    summary = {"count": arguments.count, "seed": arguments.seed, "wall_seconds": round(wall, 1),
               **counts, "kills_scheduled": killed, "leftover_challenge_records": len(leftovers),
               "unrelated_records_changed": changed,
               "issuances": [{k: v for k, v in i.items() if k not in ("client_output", "work")} for i in issuances]}
    if arguments.json:
        with open(arguments.json, "w") as handle:
            json.dump(summary, handle, indent=1)
    ok = counts["unexplained"] == 0 and not leftovers and changed == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
