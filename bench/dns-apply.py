#!/usr/bin/env python3
"""Benchmark: `infra-dns apply` on a 1,000-record CloudNS zone with 10 differences, against the
CloudNS emulator, side by side with the seed's algorithm (an ensure-per-record loop that lists
the whole zone before every record). Calls are counted from the emulator's call log.

    bench/dns-apply.py --infra-dns PATH [--runs N] [--paged-seed] [--out DIR]

Runs, each on a freshly reset zone:
  infra-dns    `infra-dns apply --yes` with the emulator's documented limits (20/s, 600/min)
  seed         the seed's loop, one unpaged records.json listing per record
  seed-paged   (with --paged-seed; minutes) the same loop, each listing paged at 100 rows as the
               API documents paging
The seed never paced itself, so its runs get the emulator's rate limits switched off (with the
documented limits it would spend most of its time blocked).
"""

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EMULATOR = os.path.join(ROOT, "Tests", "Emulators", "cloudns", "emulator.py")
ZONE = "bench.test"
AUTH_ID = "1000"
PASSWORD = "bench-password"


def existing_records():
    """The zone as CloudNS holds it: 1,000 records, one per host and type."""
    records = [{"host": f"host{i}", "type": "A", "record": f"10.0.{i // 256}.{i % 256}", "ttl": 300}
               for i in range(900)]
    records += [{"host": f"alias{i}", "type": "CNAME", "record": f"host{i}.{ZONE}", "ttl": 3600}
                for i in range(50)]
    records += [{"host": f"txt{i}", "type": "TXT", "record": f"v=bench{i}", "ttl": 3600} for i in range(40)]
    records += [{"host": f"mx{i}", "type": "MX", "record": f"mail.{ZONE}", "ttl": 3600, "priority": 10}
                for i in range(10)]
    return records


def desired_records():
    """infra.yaml's zone: 1,000 records, 10 of them different — 3 new hosts, 4 TTLs raised,
    3 CNAME targets changed. Three TXT records are not declared (they stay: no --prune)."""
    desired = [dict(r) for r in existing_records() if r["host"] not in ("txt37", "txt38", "txt39")]
    for record in desired:
        if record["host"] in ("host10", "host11", "host12", "host13"):
            record["ttl"] = 3600
        if record["host"] in ("alias0", "alias1", "alias2"):
            record["record"] = f"host{100 + int(record['host'][5:])}.{ZONE}"
    desired += [{"host": f"new{i}", "type": "A", "record": f"192.0.2.{i + 1}", "ttl": 300} for i in range(3)]
    assert len(desired) == 1000
    return desired


def write_inputs(directory):
    seed = {"identities": [{"auth_id": int(AUTH_ID), "password": PASSWORD}],
            "zones": [{"name": ZONE, "records": existing_records()}]}
    with open(os.path.join(directory, "seed.json"), "w", encoding="utf-8") as handle:
        json.dump(seed, handle)
    lines = ["dns:", "  provider: cloudns", "  zones:", f"    {ZONE}:", "      records:"]
    for r in desired_records():
        value = f"{r['priority']} {r['record']}" if r["type"] == "MX" else r["record"]
        lines.append(f'        - {{ name: {r["host"]}, type: {r["type"]}, value: "{value}", ttl: {r["ttl"]} }}')
    with open(os.path.join(directory, "infra.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


class Emulator:
    def __init__(self, directory):
        port_file = os.path.join(directory, "port")
        if os.path.exists(port_file):
            os.remove(port_file)  # left by an earlier run: its port is not ours
        self.log = open(os.path.join(directory, "emulator.log"), "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file,
             "--seed", os.path.join(directory, "seed.json")], stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("the CloudNS emulator did not start; see " + self.log.name)
            time.sleep(0.02)
        with open(port_file, encoding="utf-8") as handle:
            self.port = int(handle.read())
        self.url = f"http://127.0.0.1:{self.port}"

    def control(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, "/_emulator" + path, body=json.dumps(body) if body is not None else None,
                           headers={"Content-Type": "application/json"})
        answer = json.loads(connection.getresponse().read())
        connection.close()
        return answer

    def fresh(self, rate_limits):
        """The seeded zone again, an empty call log, and these rate limits."""
        self.control("POST", "/reset")
        self.control("POST", "/settings", {"rate_limit": rate_limits})

    def counts(self):
        return self.control("GET", "/calls")["counts"]

    def zone_state(self):
        zone = next(z for z in self.control("GET", "/state")["zones"] if z["name"] == ZONE)
        return sorted((r["host"], r["type"], r["record"].rstrip("."), r["ttl"]) for r in zone["records"])

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        self.log.close()


class SeedClient:
    """The seed's CloudNS client, as far as the loop needs it: POST with the parameters in the
    query string (its documented style), no pacing, one keep-alive connection."""

    def __init__(self, port, paged):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.paged = paged

    def call(self, method, **params):
        query = urllib.parse.urlencode({"auth-id": AUTH_ID, "auth-password": PASSWORD, **params})
        self.connection.request("POST", f"/dns/{method}.json?{query}")
        answer = json.loads(self.connection.getresponse().read())
        if isinstance(answer, dict) and answer.get("status") == "Failed":
            raise RuntimeError(f"{method}: {answer['statusDescription']}")
        return answer

    def list_records(self):
        if not self.paged:
            answer = self.call("records", **{"domain-name": ZONE})
            return list(answer.values()) if isinstance(answer, dict) else []
        records, page = [], 1
        while True:
            answer = self.call("records", **{"domain-name": ZONE, "rows-per-page": 100, "page": page})
            chunk = list(answer.values()) if isinstance(answer, dict) else []
            records += chunk
            if len(chunk) < 100:
                return records
            page += 1

    def ensure(self, record):
        """The seed's EnsureRecord: list the zone, take the first record of the host and type,
        update it when value or TTL differ, create one when there is none."""
        extra = {"priority": record["priority"]} if "priority" in record else {}
        for existing in self.list_records():
            if existing["host"] == record["host"] and existing["type"] == record["type"]:
                if existing["record"] != record["record"] or int(existing["ttl"]) != record["ttl"]:
                    self.call("mod-record", **{"domain-name": ZONE, "record-id": existing["id"], "host": record["host"],
                                               "record": record["record"], "ttl": record["ttl"]}, **extra)
                return
        self.call("add-record", **{"domain-name": ZONE, "record-type": record["type"], "host": record["host"],
                                   "record": record["record"], "ttl": record["ttl"]}, **extra)


def run_infra_dns(emulator, binary, directory):
    environment = dict(os.environ, CLOUDNS_API_URL=emulator.url, CLOUDNS_AUTH_ID=AUTH_ID,
                       CLOUDNS_AUTH_PASSWORD=PASSWORD)
    started = time.monotonic()
    result = subprocess.run([binary, "--config", os.path.join(directory, "infra.yaml"), "--quiet", "apply", "--yes"],
                            env=environment, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"infra-dns apply failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def run_seed(emulator, paged):
    client = SeedClient(emulator.port, paged)
    started = time.monotonic()
    for record in desired_records():
        client.ensure(record)
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--infra-dns", required=True, help="the infra-dns executable to measure")
    parser.add_argument("--runs", type=int, default=3, help="runs of each algorithm (default 3)")
    parser.add_argument("--paged-seed", action="store_true", help="also run the seed loop with paged listings")
    parser.add_argument("--out", default=os.path.join(HERE, "out", "dns-apply"))
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    write_inputs(arguments.out)

    documented = {"per_second": 20, "per_minute": 600, "per_hour": 36000}
    unlimited = {"per_second": 0, "per_minute": 0, "per_hour": 0}
    emulator = Emulator(arguments.out)
    rows, states = [], {}
    try:
        algorithms = [
            ("infra-dns apply", documented, lambda: run_infra_dns(emulator, arguments.infra_dns, arguments.out)),
            ("seed loop, unpaged listings", unlimited, lambda: run_seed(emulator, paged=False)),
        ]
        if arguments.paged_seed:
            algorithms.append(("seed loop, paged listings", unlimited, lambda: run_seed(emulator, paged=True)))
        for name, limits, run in algorithms:
            times, counts = [], None
            for _ in range(arguments.runs):
                emulator.fresh(limits)
                times.append(run())
                counts = emulator.counts()
                states[name] = emulator.zone_state()
            rows.append((name, counts, times))
    finally:
        emulator.stop()

    reference = states["infra-dns apply"]
    for name, state in states.items():
        if state != reference:
            raise SystemExit(f"{name} left the zone in another state than infra-dns apply")
    print(f"zone {ZONE}: 1,000 records, 10 differences (3 creates, 4 TTL changes, 3 CNAME changes); "
          f"{arguments.runs} runs each; all runs end in the same zone state\n")
    print("| algorithm | API calls | of which listings | of which changes | wall time (median) | "
          "time at CloudNS's 20/s and 600/min |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, counts, times in rows:
        total = sum(counts.values())
        listings = counts.get("records", 0)
        changes = total - listings
        # At most 20 calls a second and 600 a minute: full minutes of 600, then the rest at 20/s.
        floor = 60 * ((total - 1) // 600) + ((total - 1) % 600) / 20
        print(f"| {name} | {total:,} | {listings:,} | {changes} | {statistics.median(times):.2f} s | "
              f"≥ {floor:,.0f} s |")


if __name__ == "__main__":
    main()
