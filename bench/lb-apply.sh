#!/bin/sh
# `infra-lb apply` (cold) and a no-op `infra-lb plan` of the fixture's load balancer against the
# Hetzner emulator with every action taking 1 s, side by side with the hcloud CLI commands that
# build the same load balancer: API calls, actions, wall time, and how long after each action
# finished the tool noticed. Goals: the no-op plan is one listing per collection; apply is no
# slower than the hcloud sequence; at most one poll interval of lag after each action.
#
# Usage: bench/lb-apply.sh [RUNS] [ACTION_SECONDS]    (default 5 runs, 1.0 s actions)
# Set INFRA_LB to measure another build (default: the release build, built if needed).
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
duration=${2:-1.0}
command -v hcloud >/dev/null || { echo "lb-apply: needs hcloud (apt-get install hcloud-cli)" >&2; exit 69; }
if [ -z "${INFRA_LB:-}" ]; then
    swift build -c release --product infra-lb >/dev/null
    INFRA_LB=$(swift build -c release --show-bin-path)/infra-lb
fi
exec python3 bench/lb-apply.py --infra-lb "$INFRA_LB" --runs "$runs" --action-duration "$duration"
