#!/usr/bin/env bash
# Soak: COUNT ACME issuances (default 100) through acme-cloudns-hook against pebble, challtestsrv
# and the CloudNS emulator (Tests/Emulators/sandbox), with faults injected and hooks killed.
#
#   bench/acme-soak.sh [COUNT] [--seed N] [--json FILE] [--hook HOOK]
#
# Waves of up to four concurrent issuances mix certbot, lego (exec and RAW) and dehydrated (with
# and without HOOK_CHAIN), NAME and NAME + *.NAME, sometimes two on the same name. Each wave gets
# one fault: an HTTP 5xx burst, connection resets, "Request blocked" answers, slow API answers,
# slow propagation, or a slow DNS server for the hook (a delaying relay in front of challtestsrv).
# About a quarter of the issuances have their first present call sent SIGTERM at a random moment.
#
# Prints one line per issuance and the counts: issued, failed with a clear error (the hook said
# why, or was killed), unexplained failures, leftover _acme-challenge records and changed
# unrelated records. Exits 0 when the last three are all zero, 1 otherwise.
# HOOK defaults to .build/release/acme-cloudns-hook, else .build/debug/acme-cloudns-hook.
# Needs: pebble certbot lego dehydrated openssl curl python3 (scripts/install-deps).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hook="" passed=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hook) hook="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) passed+=("$1"); shift ;;
    esac
done
if [[ -z "$hook" ]]; then
    hook="$repo/.build/release/acme-cloudns-hook"
    [[ -x "$hook" ]] || hook="$repo/.build/debug/acme-cloudns-hook"
fi
[[ -x "$hook" ]] || { echo "acme-soak: error: hook '$hook' is not executable (swift build?)" >&2; exit 66; }
exec python3 "$repo/bench/acme-soak.py" --hook "$hook" "${passed[@]}"
