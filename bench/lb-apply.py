"""Measures `infra-lb apply` (cold) and a no-op `infra-lb plan` against the Hetzner emulator with every
action taking ACTION_DURATION seconds, side by side with the same load balancer built by the hcloud
CLI's commands (create, attach-to-network, add-service, update-service, add-target). Reports API
calls (from the emulator's call log), wall time and, for every action, how long the tool took to
notice it had finished (first poll after `finished`). Medians over RUNS; see bench/lb-apply.sh."""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
EMULATOR = os.path.join(REPO, "Tests/Emulators/hetzner/emulator.py")
FIXTURE = os.path.join(REPO, "Tests/Fixtures/config/infra.yaml")
TOKEN = "b" * 32 + "0123456789abcdef0123456789abcdef"


def control(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_emulator{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def certificate(directory):
    key, pem = os.path.join(directory, "key.pem"), os.path.join(directory, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "30", "-subj", "/CN=example.com", "-keyout", key, "-out", pem],
                   check=True, capture_output=True)
    return open(pem).read(), open(key).read()


def seed_document(directory):
    chain, key = certificate(directory)
    return {
        "tokens": [TOKEN],
        "networks": [{"name": "prod-net", "ip_range": "10.0.0.0/16",
                      "subnets": [{"ip_range": "10.0.0.0/17", "network_zone": "eu-central"}]}],
        "servers": [
            {"name": "bastion", "ipv4": "203.0.113.10", "private_net": [{"network": "prod-net", "ip": "10.0.0.2"}]},
            {"name": "app1", "ipv4": "203.0.113.21", "private_net": [{"network": "prod-net", "ip": "10.0.1.21"}]},
            {"name": "app2", "ipv4": "203.0.113.22", "private_net": [{"network": "prod-net", "ip": "10.0.1.22"}]},
        ],
        "certificates": [{"name": "wildcard-example-com", "certificate": chain, "private_key": key}],
    }


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def measure(port, environment, commands):
    """Runs `commands` one after the other; returns (seconds, calls, [notice lag per action])."""
    start_seq = control(port, "GET", "/calls")["next_seq"] - 1
    began = time.monotonic()
    for command in commands:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"lb-apply: {' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    seconds = time.monotonic() - began
    calls = [c for c in control(port, "GET", f"/calls?since={start_seq}&api=cloud")["calls"]]
    state = control(port, "GET", "/state")["projects"]["default"]
    lags = []
    for action in state["actions"]:
        if not action.get("finished"):
            continue
        finished = parse_time(action["finished"])
        after = [c["time"] for c in calls if c["method"] == "GET" and "/actions" in c["path"] and c["time"] >= finished]
        if after:
            lags.append(min(after) - finished)
    return seconds, calls, lags


def hcloud_commands(certificate_id):
    base = ["hcloud", "load-balancer"]
    return [
        base + ["create", "--name", "lb-prod", "--type", "lb11", "--location", "fsn1", "--algorithm-type", "round_robin"],
        base + ["attach-to-network", "lb-prod", "--network", "prod-net"],
        base + ["add-service", "lb-prod", "--protocol", "https", "--listen-port", "443", "--destination-port", "80",
                "--proxy-protocol", "--http-certificates", str(certificate_id)],
        base + ["add-service", "lb-prod", "--protocol", "http", "--listen-port", "80", "--destination-port", "80"],
        base + ["update-service", "lb-prod", "--listen-port", "443", "--health-check-protocol", "http",
                "--health-check-port", "80", "--health-check-interval", "15s", "--health-check-http-path", "/health"],
        base + ["update-service", "lb-prod", "--listen-port", "80", "--health-check-protocol", "http",
                "--health-check-port", "80", "--health-check-interval", "15s", "--health-check-http-path", "/health"],
        base + ["add-target", "lb-prod", "--server", "app1", "--use-private-ip"],
        base + ["add-target", "lb-prod", "--server", "app2", "--use-private-ip"],
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--infra-lb", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--action-duration", default="1.0")
    arguments = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="lb-apply-bench-")
    emulator = None
    try:
        seed_file = os.path.join(directory, "seed.json")
        with open(seed_file, "w") as handle:
            json.dump(seed_document(directory), handle)
        port_file = os.path.join(directory, "port")
        emulator = subprocess.Popen(
            [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file, "--seed", seed_file,
             "--action-duration", arguments.action_duration],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not os.path.exists(port_file):
            time.sleep(0.02)
        time.sleep(0.05)
        port = int(open(port_file).read())
        environment = {"PATH": os.environ["PATH"], "HOME": directory, "NO_COLOR": "1", "LANG": "C.UTF-8",
                       "HCLOUD_TOKEN": TOKEN, "HCLOUD_ENDPOINT": f"http://127.0.0.1:{port}/v1",
                       "HCLOUD_CONFIG": os.path.join(directory, "hcloud.toml")}
        infra_lb = [arguments.infra_lb, "--config", FIXTURE]
        results = {"apply": [], "plan": [], "hcloud": [], "repair": [], "hcloud-repair": []}
        empty = {"load_balancers": [{"name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1"}]}
        for _ in range(arguments.runs):
            control(port, "POST", "/reset", {})
            results["apply"].append(measure(port, environment, [infra_lb + ["apply", "--yes"]]))
            results["plan"].append(measure(port, environment, [infra_lb + ["plan", "--exit-code"]]))
            control(port, "POST", "/reset", {})
            state = control(port, "GET", "/state")["projects"]["default"]
            certificate_id = state["certificates"][0]["id"]
            results["hcloud"].append(measure(port, environment, hcloud_commands(certificate_id)))
            control(port, "POST", "/reset", {})
            control(port, "POST", "/seed", empty)
            results["repair"].append(measure(port, environment, [infra_lb + ["apply", "--yes"]]))
            control(port, "POST", "/reset", {})
            control(port, "POST", "/seed", empty)
            results["hcloud-repair"].append(measure(port, environment, hcloud_commands(certificate_id)[1:]))

        def row(label, runs):
            seconds = statistics.median(r[0] for r in runs)
            calls = statistics.median(len(r[1]) for r in runs)
            lags = [lag for r in runs for lag in r[2]]
            lag = f"{statistics.median(lags) * 1000:.0f} ms / {max(lags) * 1000:.0f} ms" if lags else "-"
            actions = statistics.median(len(r[2]) for r in runs)
            return f"| {label} | {calls:.0f} | {actions:.0f} | {seconds:.2f} s | {lag} |"

        print(f"Hetzner emulator, every action {arguments.action_duration} s, {arguments.runs} runs, medians:")
        print("| command | API calls | actions | wall time | lag after an action finished (median / max) |")
        print("| --- | --- | --- | --- | --- |")
        print(row("`infra-lb apply --yes` (cold)", results["apply"]))
        print(row("hcloud CLI: create, attach-to-network, 2× add-service, 2× update-service, 2× add-target", results["hcloud"]))
        print(row("`infra-lb plan --exit-code` (no-op)", results["plan"]))
        print(row("`infra-lb apply --yes` on an existing empty load balancer", results["repair"]))
        print(row("hcloud CLI: the same without create", results["hcloud-repair"]))
        plan_calls = results["plan"][-1][1]
        print("\nno-op plan calls: " + ", ".join(f"{c['method']} {c['path']}" for c in plan_calls))
    finally:
        if emulator:
            emulator.terminate()
            emulator.wait()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
