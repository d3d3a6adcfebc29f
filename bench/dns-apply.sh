#!/bin/sh
# `infra-dns apply` on a 1,000-record zone with 10 differences against the CloudNS emulator,
# side by side with the seed's ensure-per-record loop: API calls (from the emulator's call log)
# and wall time. Goal for infra-dns: the record pages plus 10 changes.
#
# Usage: bench/dns-apply.sh [RUNS] [--paged-seed]    (default 3 runs of each algorithm; the
#        paged seed loop makes 11,010 calls and takes minutes, so it only runs when asked)
# Set INFRA_DNS to measure another build (default: the release build, built if needed).
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
[ $# -gt 0 ] && shift
if [ -z "${INFRA_DNS:-}" ]; then
    swift build -c release --product infra-dns >/dev/null
    INFRA_DNS=$(swift build -c release --show-bin-path)/infra-dns
fi
exec python3 bench/dns-apply.py --infra-dns "$INFRA_DNS" --runs "$runs" "$@"
