#!/bin/sh
# infra-monitor against the seed's way (one gh api per repository and kind, one after another):
# 20 repositories x 3 kinds, 40 ms emulated latency per API answer, measured side by side in one
# run. Needs gh (apt-get install gh) and openssl.
#
#   bench/monitor.sh [RUNS]        results in bench/out/monitor.md (bench/monitor-results.md keeps the recorded run)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product infra-monitor 2>&1 | tail -1
bin=$(swift build -c release --show-bin-path)
mkdir -p bench/out
python3 bench/monitor.py "$bin/infra-monitor" --runs "${1:-5}" | tee bench/out/monitor.md
