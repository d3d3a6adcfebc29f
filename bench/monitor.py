#!/usr/bin/env python3
"""Side-by-side figures for infra-monitor (issue 12), in one run.

Starts the GitHub emulator (Tests/Emulators/github) over TLS with 40 ms latency per API answer,
seeds 20 repositories with alerts of the three kinds, then times, alternating, N runs of:
  seed:    one `gh api` per repository and kind, one after another (what the Go seed did), each
           `gh api --paginate --jq '.[]' repos/O/R/KIND/alerts?state=open`
  monitor: `infra-monitor --repos-file repos.txt --json` (release build) with --jobs 4 (the default)
           and each other --jobs value asked for
and prints a Markdown summary: wall medians, ratios, gh processes and API calls per run.

    bench/monitor.py INFRA_MONITOR [--runs 5] [--repos 20] [--latency-ms 40] [--jobs 4 8]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMULATOR = os.path.join(ROOT, "Tests/Emulators/github/emulator.py")
TOKEN = "ghp_bench"
KINDS = ["code-scanning", "dependabot", "secret-scanning"]


def control(port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_emulator/{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def start_emulator(work, latency_ms):
    port_file = os.path.join(work, "port")
    env_file = os.path.join(work, "gh.env")
    log = open(os.path.join(work, "emulator.log"), "w")
    process = subprocess.Popen([sys.executable, EMULATOR, "--port", "0", "--port-file", port_file, "--tls",
                                "--env-file", env_file, "--work-dir", os.path.join(work, "emu"),
                                "--latency-ms", str(latency_ms)], stdout=log, stderr=log)
    deadline = time.time() + 60
    while not os.path.exists(port_file):
        if time.time() > deadline or process.poll() is not None:
            sys.exit("the emulator did not start; see " + log.name)
        time.sleep(0.05)
    port = int(open(port_file).read().strip())
    environment = dict(os.environ)
    for line in open(env_file).read().splitlines():
        name, _, value = line.partition("=")
        environment[name] = value.strip("'")
    environment["GH_ENTERPRISE_TOKEN"] = TOKEN
    return process, port, environment


def seed(port, count):
    repos = [{"full_name": f"bench/repo{n:02d}",
              "alerts": {"code_scanning": {"count": 40, "state": "open"},
                         "dependabot": {"count": 25, "state": "open"},
                         "secret_scanning": {"count": 3, "state": "open"}}} for n in range(1, count + 1)]
    control(port, "POST", "seed", {"tokens": [{"token": TOKEN, "login": "bench", "id": 1, "kind": "classic",
                                               "scopes": ["repo", "read:org"]}],
                                   "orgs": ["bench"], "repos": repos})
    return [repo["full_name"] for repo in repos]


def api_calls(port):
    calls = control(port, "GET", "calls")["calls"]
    control(port, "DELETE", "calls")
    return sum(1 for call in calls if call["endpoint"] in ("repo_alerts", "org_alerts"))


def run_seed_way(repos, environment):
    """One gh per repository and kind, sequentially; returns (seconds, gh processes, alerts)."""
    started = time.monotonic()
    alerts = 0
    for repo in repos:
        for kind in KINDS:
            out = subprocess.run(["gh", "api", "--paginate", "--jq", ".[]", f"repos/{repo}/{kind}/alerts?state=open"],
                                 env=environment, capture_output=True, check=True).stdout
            alerts += out.count(b"\n")
    return time.monotonic() - started, len(repos) * len(KINDS), alerts


def run_monitor(binary, repos_file, environment, jobs):
    started = time.monotonic()
    result = subprocess.run([binary, "--repos-file", repos_file, "--json", "--verbose", "--jobs", str(jobs)],
                            env=environment, capture_output=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"infra-monitor exited {result.returncode}: {result.stderr.decode()}")
    runs = next(int(line.split()[1]) for line in result.stderr.decode().splitlines() if line.endswith(("gh runs", "gh run")))
    return elapsed, runs, len(json.loads(result.stdout)["findings"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repos", type=int, default=20)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--jobs", type=int, nargs="+", default=[4, 8])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="monitor-bench-") as work:
        process, port, environment = start_emulator(work, options.latency_ms)
        try:
            repos = seed(port, options.repos)
            repos_file = os.path.join(work, "repos.txt")
            with open(repos_file, "w") as file:
                file.write("\n".join(repos) + "\n")
            load_before = open("/proc/loadavg").read().split()[:3]
            ways = ["seed"] + [f"jobs {jobs}" for jobs in options.jobs]
            times = {way: [] for way in ways}
            cpus = {way: [] for way in ways}
            rows = []
            for run in range(options.runs):
                for way, jobs in zip(ways, [None] + options.jobs):
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    if jobs is None:
                        elapsed, processes, alerts = run_seed_way(repos, environment)
                    else:
                        elapsed, processes, alerts = run_monitor(options.binary, repos_file, environment, jobs)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                    calls = api_calls(port)
                    times[way].append(elapsed)
                    cpus[way].append(cpu)
                    rows.append((way, run + 1, elapsed, processes, calls, alerts, cpu))
            load_after = open("/proc/loadavg").read().split()[:3]
        finally:
            process.terminate()
            process.wait()
    gh_version = subprocess.run(["gh", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    seed_median = statistics.median(times["seed"])
    print(f"{options.repos} repositories x 3 kinds, {options.latency_ms} ms emulated latency per API answer, "
          f"{options.runs} runs of each way, alternating; {gh_version}; "
          f"load average before {' '.join(load_before)}, after {' '.join(load_after)}\n")
    print("| way | median wall | speed-up | CPU (tool + gh) | gh processes per run | API calls per run | alerts read |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for way in ways:
        last = [row for row in rows if row[0] == way][-1]
        label = ("one `gh api` per repository and kind, one after another (the seed)" if way == "seed"
                 else f"`infra-monitor --repos-file … --json --{way.replace(' ', ' ')}`")
        median = statistics.median(times[way])
        print(f"| {label} | {median:.2f} s | {seed_median / median:.1f}x | {statistics.median(cpus[way]):.2f} s "
              f"| {last[3]} | {last[4]} | {last[5]} |")
    print()
    print("Every run:\n")
    print("| way | run | wall | CPU | gh processes | API calls | alerts |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, run, elapsed, processes, calls, alerts, cpu in rows:
        print(f"| {name} | {run} | {elapsed:.2f} s | {cpu:.2f} s | {processes} | {calls} | {alerts} |")
    print("\nSpeed-up is the seed's median wall time over the way's (goal >= 3x). CPU is user + system time")
    print("of the processes the way ran (gh, and infra-monitor itself), not the emulator's.")


if __name__ == "__main__":
    main()
