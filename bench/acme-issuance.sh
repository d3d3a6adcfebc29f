#!/usr/bin/env bash
# ACME DNS-01 issuance through acme-cloudns-hook against lego's own CloudNS provider, side by
# side in one run on one sandbox (pebble + challtestsrv + the CloudNS emulator, loopback only).
#
#   bench/acme-issuance.sh [--runs N] [--delay SECONDS] [--name NAME] [HOOK]
#
# HOOK defaults to .build/release/acme-cloudns-hook. Each round issues NAME + *.NAME with:
#   certbot + HOOK, lego exec + HOOK, lego --dns cloudns at its defaults, and lego --dns cloudns
#   with CLOUDNS_POLLING_INTERVAL=1
# (rounds interleave the variants so load changes on the machine hit them alike), and records the
# time to certificate and the CloudNS API calls the emulator logged for that issuance. The hook
# overhead phase then sets the emulator's propagation delay to --delay seconds (default 2) and
# times `HOOK present` directly: overhead = present wall time - delay.
#
# As root, the whole bench runs in a private network namespace (unshare -n) where only loopback
# exists, so lego-native cannot reach the real api.cloudns.net even if its proxy were bypassed;
# elsewhere issue-cert checks the proxy route before starting lego.
#
# stdout: per-run lines, then a summary (medians, min-max). Raw rows: $BENCH_RAW (if set).
# Needs: pebble certbot lego openssl curl python3 (scripts/install-deps).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5 delay=2 name="" hook=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --delay) delay="$2"; shift 2 ;;
        --name) name="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "acme-issuance: error: unknown option $1" >&2; exit 64 ;;
        *) hook="$1"; shift ;;
    esac
done
hook="${hook:-$repo/.build/release/acme-cloudns-hook}"
[[ -x "$hook" ]] || { echo "acme-issuance: error: hook '$hook' is not executable (make release?)" >&2; exit 66; }
hook="$(cd "$(dirname "$hook")" && pwd)/$(basename "$hook")"

if [[ -z "${ACME_BENCH_NETNS:-}" && "$(id -u)" == 0 ]] && command -v unshare >/dev/null \
    && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
    export ACME_BENCH_NETNS=1
    exec unshare -n -- bash -c 'ip link set lo up && exec "$0" "$@"' "$0" --runs "$runs" \
        --delay "$delay" ${name:+--name "$name"} "$hook"
fi
isolation="shared network namespace; lego-native guarded by issue-cert's proxy check"
[[ -n "${ACME_BENCH_NETNS:-}" ]] && isolation="private network namespace (unshare -n, loopback only)"

state="$(mktemp -d "${TMPDIR:-/tmp}/acme-bench.XXXXXX")"
trap '"$repo/Tests/Emulators/sandbox/stop" "$state" --purge >/dev/null 2>&1 || true' EXIT
env_file="$("$repo/Tests/Emulators/sandbox/start" --native-route "$state" | tail -n 1)"
set -a  # the hook reads CLOUDNS_API_URL and CLOUDNS_CREDENTIALS from the sandbox
# shellcheck disable=SC1090
. "$env_file"
set +a
mkdir -p "$state/runs"
name="${name:-$CLOUDNS_ZONE}"
control="$CLOUDNS_EMULATOR_CONTROL_URL"
raw="${BENCH_RAW:-$state/raw.tsv}"
printf 'variant\trun\tseconds\tapi_calls\tpolls\tpresent_seconds\n' >"$raw"

# API calls since the last reset: "total non-poll" and "polls" (update-status / is-updated).
api_calls() {
    curl -sf "$control/calls" | python3 -c '
import json, sys
counts = json.load(sys.stdin)["counts"]
polls = sum(n for m, n in counts.items() if m in ("update-status", "is-updated"))
print(sum(counts.values()) - polls, polls, ",".join(f"{m}={n}" for m, n in sorted(counts.items())))'
}

run_variant() {
    local variant="$1" run="$2" client="$3" work; shift 3
    work="$state/runs/$variant.$run"
    curl -sf -X DELETE "$control/calls" >/dev/null
    if ! env "$@" "$repo/Tests/ACME/issue-cert" --env "$env_file" --work "$work" --trace \
            --check-clean "$client" "$hook" "$name" "*.$name" >/dev/null 2>"$work.err"; then
        echo "acme-issuance: $variant run $run failed:" >&2
        cat "$work.err" >&2
        exit 1
    fi
    local seconds calls polls detail presents=""
    seconds="$(cat "$work/elapsed")"
    read -r calls polls detail < <(api_calls)
    if [[ -f "$work/hook-calls.tsv" ]]; then
        presents="$(awk -F'\t' '$5 ~ /^(certbot-auth|present|deploy_challenge)$/ { printf "%s%s", s, $3; s = "," }' \
            "$work/hook-calls.tsv")"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$run" "$seconds" "$calls" "$polls" "$presents" >>"$raw"
    printf '%-18s run %s: %6.2f s  API %2s + %s polls  (%s)%s\n' "$variant" "$run" "$seconds" \
        "$calls" "$polls" "$detail" "${presents:+  present: $presents s}"
}

echo "== ACME issuance of $name + *.$name, $runs rounds, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   hook: $hook"
echo "   $isolation; load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for run in $(seq 1 "$runs"); do
    run_variant "certbot+hook" "$run" certbot
    run_variant "lego-exec+hook" "$run" lego
    run_variant "lego-native" "$run" lego-native
    run_variant "lego-native-poll1" "$run" lego-native CLOUDNS_POLLING_INTERVAL=1
done

# --- hook overhead: present wall time minus the emulated propagation delay ------------------
curl -sf -X POST -H 'Content-Type: application/json' -d "{\"propagation_delay\": $delay}" \
    "$control/settings" >/dev/null
for run in $(seq 1 "$runs"); do
    value="bench-$run-$RANDOM$RANDOM"
    fqdn="_acme-challenge.$name."
    started=$EPOCHREALTIME
    env -u SSL_CERT_DIR ACME_CLOUDNS_DNS_SERVERS="$DNS_RESOLVER" "$hook" present "$fqdn" "$value" \
        >/dev/null 2>"$state/overhead.err" || { cat "$state/overhead.err" >&2; exit 1; }
    seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    env -u SSL_CERT_DIR ACME_CLOUDNS_DNS_SERVERS="$DNS_RESOLVER" "$hook" cleanup "$fqdn" "$value" \
        >/dev/null 2>>"$state/overhead.err" || { cat "$state/overhead.err" >&2; exit 1; }
    printf 'overhead\t%s\t%s\t\t\t%s\n' "$run" "$seconds" "$seconds" >>"$raw"
    printf '%-18s run %s: %6.3f s with a %s s propagation delay\n' "direct present" "$run" \
        "$seconds" "$delay"
done

python3 - "$raw" "$delay" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
delay = float(sys.argv[2])
def spread(values):
    values = sorted(values)
    return f"{statistics.median(values):7.2f} s ({values[0]:.2f}-{values[-1]:.2f})"
print("\n== summary (median, min-max)")
medians = {}
for variant in ("certbot+hook", "lego-exec+hook", "lego-native", "lego-native-poll1"):
    mine = [r for r in rows if r["variant"] == variant]
    seconds = [float(r["seconds"]) for r in mine]
    medians[variant] = statistics.median(seconds)
    calls = statistics.median(int(r["api_calls"]) for r in mine)
    polls = statistics.median(int(r["polls"]) for r in mine)
    slow = sum(1 for s in seconds if s > min(seconds) + 2.5)
    print(f"{variant:18} time to certificate {spread(seconds)}   API calls {calls:g} + {polls:g}"
          f" polls = {calls + polls:g}   runs in lego's slow mode {slow}/{len(seconds)}")
presents = [float(p) for r in rows if r["variant"] == "certbot+hook" and r["present_seconds"]
            for p in r["present_seconds"].split(",")]
direct = [float(r["seconds"]) for r in rows if r["variant"] == "overhead"]
print(f"{'hook present in certbot runs (delay 0)':40} {spread(presents)}")
print(f"{'hook overhead, direct present - ' + format(delay, 'g') + ' s':40} "
      f"{spread([d - delay for d in direct])}")
print(f"certbot+hook vs lego-native at defaults: {medians['lego-native'] / medians['certbot+hook']:.1f}x faster"
      f" (goal >= 5x); vs lego-native poll 1 s: {medians['lego-native-poll1'] / medians['certbot+hook']:.2f}x"
      f" (goal >= 1)")
print("note: lego (exec and native) waits 5 s +-50 % per authorization that pebble has not yet"
      " marked valid (no Retry-After), so its times are bimodal; compare medians over many runs.")
EOF
