#!/bin/bash
# infra-status at scale (issue 13): a healthy loopback fleet of up to 200 real sshd hosts
# (Tests/Fixtures/fleet), and for N = 30, 100, 200 hosts and several --jobs values side by side in
# one run: wall time (hyperfine median), peak RSS and client CPU (/usr/bin/time -v, median of 3),
# of the release build of infra-status reading an infra.yaml written for the first N hosts.
#
#   nice -n 10 bench/status-scale.sh      results in bench/out/status-scale/summary.md
# Then the same on "far-away" hosts, each session waiting DELAY seconds first, so that probes mostly
# wait, as across a real network: NS_FAR (empty to skip) and JOBS_FAR, RUNS_FAR runs.
# Environment: NS="30 100 200", JOBS="8 16 32 64 128 all" ("all" = N, no bound), RUNS=5,
# NS_FAR="30 200", JOBS_FAR="32 64 128 all", RUNS_FAR=3, DELAY=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
fixture=$root/Tests/Fixtures/fleet
out=$bench/out/status-scale
NS=${NS:-"30 100 200"}
JOBS=${JOBS:-"8 16 32 64 128 all"}
RUNS=${RUNS:-5}
NS_FAR=${NS_FAR-"30 200"}
JOBS_FAR=${JOBS_FAR:-"32 64 128 all"}
RUNS_FAR=${RUNS_FAR:-3}
DELAY=${DELAY:-1}
max_n=$(echo $NS | tr ' ' '\n' | sort -n | tail -1)

rm -rf "$out"
mkdir -p "$out"
fleet=$out/fleet
trap '"$fixture/fleet-down.sh" "$fleet" || true' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
command -v hyperfine > /dev/null || apt-get install -y hyperfine > /dev/null

swift build -c release --product infra-status 2>&1 | tail -1
prober=$(swift build -c release --show-bin-path)/infra-status

# Roles cycle as in bench/status.sh: app, db, db, db, cache, ci; every host healthy.
roles=(app db db db cache ci)
subnet=127.80.$((RANDOM % 250 + 1))
for ((i = 1; i <= max_n; i++)); do
    role=${roles[(i - 1) % 6]}
    printf '%s-%03d %s.%d 2222 %s healthy\n' "$role" "$i" "$subnet" "$i" "$role"
done > "$out/spec"
started=$(date +%s.%N)
"$fixture/fleet-up.sh" "$fleet" "$out/spec" > /dev/null
fleet_up=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
listeners_kb=$(for f in "$fleet"/run/*.pid; do awk '/^VmRSS/ { print $2 }' "/proc/$(cat "$f")/status"; done \
    | awk '{ s += $1 } END { print s }')

# CPU seconds the listeners have reaped from their finished sessions (cutime + cstime).
fleet_cpu() {
    for f in "$fleet"/run/*.pid; do cut -d' ' -f16,17 "/proc/$(cat "$f")/stat"; done \
        | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 + $2 } END { printf "%.2f", s / hz }'
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
field() { awk -F': ' -v k="$1" '$1 ~ k { print $2 }' "$2"; }

{
    echo "# infra-status at scale ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "Machine: $(nproc) cores, $(uname -r), $(free -g | awk '/^Mem/ { print $2 }') GB; OpenSSH $(ssh -V 2>&1 | cut -d, -f1);"
    echo "open files soft/hard $(ulimit -Sn)/$(ulimit -Hn). Fleet: $max_n real sshd listeners on $subnet.0/24, all healthy,"
    echo "started in ${fleet_up} s, $((listeners_kb / 1024)) MB RSS for the idle listeners together."
    echo "Wall: hyperfine median of $RUNS runs (one warm-up); RSS and CPU (user+sys): median of 3 runs of /usr/bin/time -v."
    echo
    echo "Client CPU: user+sys of infra-status; sshd CPU: what the listeners reaped from their sessions (sshd,"
    echo "the probe's shell and fakes); CPU floor: (client + sshd CPU) / $(nproc) cores, the least wall time this"
    echo "machine can give the run when nothing else runs on it."
    echo
    echo "| N | --jobs | wall median | wall min–max | peak RSS | client CPU per host | sshd CPU per host | CPU floor | load (1 min) |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$out/summary.md"
echo "load before: $(load)" > "$out/load.txt"

# infra.yaml for the first N hosts, as $out/infra-N.yaml.
write_config() { # N
    head -n "$1" "$fleet/hosts.tsv" > "$out/hosts-$1.tsv"
    /usr/bin/python3 "$bench/status-infra-yaml.py" "$out/hosts-$1.tsv" "$fleet/keys/id_ed25519" > "$out/infra-$1.yaml"
}

# One table row: infra-status on the first N hosts with --jobs J (J = all: N, no bound).
measure() { # PHASE N J RUNS
    local phase=$1 n=$2 jobs=$3 runs=$4 j label cmd med lo hi run rss=() cpu=()
    [ "$jobs" = all ] && j=$n || j=$jobs
    ((j > n)) && return 0
    label=$jobs
    [ "$jobs" = all ] && label="$n (no bound)"
    cmd="$prober --config $out/infra-$n.yaml --known-hosts $fleet/known_hosts --timeout 10 --json --jobs $j"
    local tag=$phase-$n-$j
    # Correctness first: all N hosts answer ok, in infra.yaml order.
    $cmd > "$out/report-$tag.json" || { echo "infra-status failed: $tag" >&2; exit 1; }
    local ok
    ok=$(grep -c '"state" : "ok"' "$out/report-$tag.json" || true)
    ((ok == n)) || { echo "only $ok of $n hosts ok: $tag" >&2; exit 1; }
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/h-$tag.json" -n "$tag" "$cmd" > /dev/null
    read -r med lo hi < <(/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f %.3f %.3f" % (r["median"], r["min"], r["max"]))' "$out/h-$tag.json")
    local fleet_before
    fleet_before=$(fleet_cpu)
    for run in 1 2 3; do
        /usr/bin/time -v $cmd > /dev/null 2> "$out/time-$tag-$run.txt" || true
        rss+=("$(field 'Maximum resident set size' "$out/time-$tag-$run.txt")")
        cpu+=("$(awk -v u="$(field 'User time' "$out/time-$tag-$run.txt")" \
            -v s="$(field 'System time' "$out/time-$tag-$run.txt")" 'BEGIN { print u + s }')")
    done
    local server_s rss_kb cpu_s floor
    server_s=$(awk -v a="$fleet_before" -v b="$(fleet_cpu)" 'BEGIN { printf "%.2f", (b - a) / 3 }')
    rss_kb=$(printf '%s\n' "${rss[@]}" | median)
    cpu_s=$(printf '%s\n' "${cpu[@]}" | median)
    floor=$(awk -v c="$cpu_s" -v s="$server_s" -v k="$(nproc)" 'BEGIN { printf "%.2f", (c + s) / k }')
    echo "| $n | $label | **$med s** | $lo–$hi s | $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f MB", k / 1024 }') | $(awk -v c="$cpu_s" -v n="$n" 'BEGIN { printf "%.1f ms", c * 1000 / n }') | $(awk -v c="$server_s" -v n="$n" 'BEGIN { printf "%.0f ms", c * 1000 / n }') | $floor s | $(load | cut -d' ' -f1) |" \
        | tee -a "$out/summary.md"
}

for n in $NS; do
    write_config "$n"
    for jobs in $JOBS; do measure local "$n" "$jobs" "$RUNS"; done
    echo "after N=$n: $(load)" >> "$out/load.txt"
done

# Far-away hosts: every session first sleeps DELAY seconds (in the per-host ~/.bashrc that bash
# reads for `ssh host command`), so that, as across a real network, each probe mostly waits while
# the CPU work stays the same.
if [ -n "$NS_FAR" ]; then
    for home in "$fleet"/hosts/*/home; do echo "sleep $DELAY" > "$home/.bashrc"; done
    {
        echo
        echo "Far-away hosts: the same fleet, every session first waiting $DELAY s (\`sleep $DELAY\` in the host's ~/.bashrc):"
        echo
        echo "| N | --jobs | wall median | wall min–max | peak RSS | client CPU per host | sshd CPU per host | CPU floor | load (1 min) |"
        echo "|---|---|---|---|---|---|---|---|---|"
    } >> "$out/summary.md"
    for n in $NS_FAR; do
        write_config "$n"
        for jobs in $JOBS_FAR; do measure far "$n" "$jobs" "$RUNS_FAR"; done
        echo "after far N=$n: $(load)" >> "$out/load.txt"
    done
fi

{
    echo
    echo "Load average (1/5/15 min) during the run:"
    echo
    sed 's/^/    /' "$out/load.txt"
    echo "    end: $(load)"
    echo
    echo "Command: \`nice -n 10 bench/status-scale.sh\` (NS=\"$NS\", JOBS=\"$JOBS\", RUNS=$RUNS, NS_FAR=\"$NS_FAR\","
    echo "JOBS_FAR=\"$JOBS_FAR\", RUNS_FAR=$RUNS_FAR, DELAY=$DELAY); each row runs"
    echo "\`infra-status --config infra-N.yaml --known-hosts … --timeout 10 --json --jobs J\`."
} >> "$out/summary.md"
cat "$out/summary.md"
