#!/bin/bash
# infra-status through one bastion (ssh.proxy_jump) versus directly, on the fake fleet
# (Tests/Fixtures/fleet): N healthy hosts and one bastion, all on loopback and reachable both
# ways, so the two runs differ only in the path. Two infra.yaml files list the same hosts, one
# with `proxy_jump: bastion-00` on each. hyperfine reports the wall time of whole runs.
#
#   nice -n 10 bench/status-bastion.sh        results in bench/out/status-bastion/
# Environment: N=10, RUNS=15, BUILD=release (or debug).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fixture=$root/Tests/Fixtures/fleet
out=$root/bench/out/status-bastion
N=${N:-10}
RUNS=${RUNS:-15}
BUILD=${BUILD:-release}

rm -rf "$out"
mkdir -p "$out"
fleet=$out/fleet
trap '"$fixture/fleet-down.sh" "$fleet" || true' EXIT

swift build -c "$BUILD" --product infra-status 2>&1 | tail -1
prober=$(swift build -c "$BUILD" --show-bin-path)/infra-status

subnet=127.79.$((RANDOM % 200 + 20))
roles=(app db db db cache ci)
{
    echo "bastion-00 $subnet.200 2222 bastion healthy"
    for ((i = 1; i <= N; i++)); do
        printf 'host-%02d %s.%d 2222 %s healthy\n' "$i" "$subnet" "$i" "${roles[(i - 1) % 6]}"
    done
} > "$out/spec"
"$fixture/fleet-up.sh" "$fleet" "$out/spec" > /dev/null

write_config() { # FILE JUMP
    local name address port role services kind net
    echo "hosts:" > "$1"
    while IFS=$'\t' read -r name address port role services kind net; do
        {
            echo "  $name:"
            echo "    ip: $address"
            echo "    role: $role"
            if [[ "$name" == bastion-00 || -z "$2" ]]; then
                echo "    ssh: { user: $(id -un), key: \"$fleet/keys/id_ed25519\", port: $port }"
            else
                echo "    ssh: { user: $(id -un), key: \"$fleet/keys/id_ed25519\", port: $port, proxy_jump: $2 }"
            fi
            [[ "$services" == - ]] || echo "    services: [${services//,/, }]"
        } >> "$1"
    done < "$fleet/hosts.tsv"
}
write_config "$out/direct.yaml" ""
write_config "$out/bastion.yaml" bastion-00

hosts=$(for ((i = 1; i <= N; i++)); do printf -- '--host host-%02d ' "$i"; done)
common="--known-hosts $fleet/known_hosts --timeout 10 $hosts"
"$prober" --config "$out/bastion.yaml" $common --verbose > "$out/bastion-check.txt" 2>&1
grep -c " via bastion-00: ok;" "$out/bastion-check.txt" | grep -qx "$N" || {
    echo "not every host answered through the bastion; see $out/bastion-check.txt" >&2
    exit 1
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
hyperfine -N -w 3 -r "$RUNS" --export-markdown "$out/summary.md" --export-json "$out/hyperfine.json" \
    -n "direct, $N hosts" "$prober --config $out/direct.yaml $common" \
    -n "via one bastion, $N hosts" "$prober --config $out/bastion.yaml $common"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
python3 - "$out/hyperfine.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f'{result["command"]}: median {result["median"] * 1000:.0f} ms, '
          f'min {result["min"] * 1000:.0f} ms, max {result["max"] * 1000:.0f} ms')
PY
