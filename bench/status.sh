#!/bin/bash
# Side-by-side figures for infra-status on the fake fleet (Tests/Fixtures/fleet), in one run:
#   `infra-status` (release build, reading an infra.yaml written for the fleet), OpenSSH `ssh` +
#   `xargs -P N` and `ansible all -m shell -f N`, all three sending the same per-host probe command
#   (`infra-status --print-probe`; ansible: `:;` in front, or it parses an argument starting with `{`
#   as JSON).
# Healthy fleet for N = 1 10 30 50: wall medians (hyperfine), client CPU per host and peak RSS; then a
# faulty fleet (tarpit + hanging probe among 28 healthy hosts) with a 5 s per-host timeout.
#
#   nice -n 10 bench/status.sh            results in bench/out/status/summary.md
# Environment: NS="1 10 30 50", RUNS_PROBER=10, RUNS_SSH=5, RUNS_ANSIBLE=3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
fixture=$root/Tests/Fixtures/fleet
out=$bench/out/status
NS=${NS:-"1 10 30 50"}
RUNS_PROBER=${RUNS_PROBER:-10}
RUNS_SSH=${RUNS_SSH:-5}
RUNS_ANSIBLE=${RUNS_ANSIBLE:-3}
max_n=$(echo $NS | tr ' ' '\n' | sort -n | tail -1)

rm -rf "$out"
mkdir -p "$out"/{cmd,ssh-out,ansible-cp,ansible-local}
healthy=$out/fleet-healthy
faulty=$out/fleet-faulty

close_masters() {
    for socket in "$out"/ansible-cp/*; do
        [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit bench > /dev/null 2>&1 || true
    done
}
cleanup() {
    close_masters
    "$fixture/fleet-down.sh" "$healthy" || true
    "$fixture/fleet-down.sh" "$faulty" || true
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load before: $(load)" | tee "$out/load.txt"

swift build -c release --product infra-status 2>&1 | tail -1
prober=$(swift build -c release --show-bin-path)/infra-status
venv=$bench/out/ansible-venv
if [ ! -x "$venv/bin/ansible" ]; then
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install -q ansible-core
fi
"$venv/bin/ansible" --version > "$out/ansible-version.txt"
ansible_version=$(head -1 "$out/ansible-version.txt")

# Roles cycle as in the reference fleet: app, db, db, db, cache, ci.
roles=(app db db db cache ci)
make_spec() { # COUNT SUBNET [FAULTS...] -> spec on stdout; faults replace the last hosts
    local count=$1 subnet=$2 i role kind
    shift 2
    local faults=("$@")
    for ((i = 1; i <= count; i++)); do
        role=${roles[(i - 1) % 6]}
        kind=healthy
        local from_end=$((count - i))
        ((from_end < ${#faults[@]})) && kind=${faults[from_end]}
        printf '%s-%02d %s.%d 2222 %s %s\n' "$role" "$i" "$subnet" "$i" "$role" "$kind"
    done
}
subnet=127.78.$((RANDOM % 250 + 1))
make_spec "$max_n" "$subnet" > "$out/spec-healthy"
"$fixture/fleet-up.sh" "$healthy" "$out/spec-healthy" > /dev/null
key=$healthy/keys/id_ed25519
known=$healthy/known_hosts

# infra.yaml for the hosts of a hosts.tsv, as $out/infra-NAME.yaml.
write_config() { # HOSTS_TSV NAME KEY
    /usr/bin/python3 "$bench/status-infra-yaml.py" "$1" "$3" > "$out/infra-$2.yaml"
}
# Each host's exact exec command, as infra-status sends it, for ssh and ansible to send too.
write_commands() { # CONFIG HOSTS_TSV
    local host
    for host in $(cut -f1 "$2"); do
        printf '%s' "$("$prober" --config "$1" --host "$host" --print-probe)" > "$out/cmd/$host"
    done
}
write_config "$healthy/hosts.tsv" all "$key"
write_commands "$out/infra-all.yaml" "$healthy/hosts.tsv"

export BENCH_OUT=$out BENCH_KNOWN_HOSTS=$known BENCH_KEY=$key
export ANSIBLE_SSH_ARGS="-C -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=$known -o StrictHostKeyChecking=yes"
export ANSIBLE_SSH_CONTROL_PATH_DIR=$out/ansible-cp ANSIBLE_LOCAL_TEMP=$out/ansible-local
export ANSIBLE_DEPRECATION_WARNINGS=False ANSIBLE_NOCOLOR=1 ANSIBLE_TIMEOUT=10 ANSIBLE_TASK_TIMEOUT=60

# Client CPU (user+sys, children included) and peak RSS of one command, from getrusage.
rusage() {
    /usr/bin/python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.4f} {r.ru_maxrss}")' "$1"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
hyper_median() { /usr/bin/python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }

{
    echo "# infra-status figures ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "Machine: $(nproc) cores, $(uname -r); OpenSSH $(ssh -V 2>&1 | cut -d, -f1); $ansible_version."
    echo "Fleet: real sshd per host on $subnet.0/24, roles app/db/db/db/cache/ci, all healthy."
    echo "Every tool sends the same per-host probe command (infra-status --print-probe)."
    echo
    echo "| N | infra-status | ssh + xargs -P N | ansible -m shell -f N | vs ssh | vs ansible | infra-status CPU/host | ssh CPU/host | ansible CPU/host |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$out/summary.md"

for n in $NS; do
    head -n "$n" "$healthy/hosts.tsv" > "$out/hosts-$n.tsv"
    cut -f1,2 "$out/hosts-$n.tsv" | tr '\t' ' ' > "$out/list-$n"
    /usr/bin/python3 "$bench/status-inventory.py" "$out/hosts-$n.tsv" "$out/cmd" "$healthy" "$key" > "$out/inventory-$n.yml"
    write_config "$out/hosts-$n.tsv" "$n" "$key"
    prober_args="--config $out/infra-$n.yaml --known-hosts $known --timeout 10 --json"
    prober_cmd="$prober $prober_args > $out/prober-$n.json"
    ssh_cmd="xargs -P $n -L 1 $bench/status-ssh-one.sh < $out/list-$n"
    ansible_cmd="$venv/bin/ansible all -i $out/inventory-$n.yml -m shell -a ':; {{ probe_cmd }}' -f $n > $out/ansible-$n.txt 2>&1"

    # Correctness first: every tool must bring back all N answers.
    eval "$prober_cmd" || { echo "infra-status failed at N=$n" >&2; exit 1; }
    ok=$(grep -c '"state" : "ok"' "$out/prober-$n.json" || true)
    eval "$ssh_cmd"
    ssh_ok=$(head -n "$n" "$out/list-$n" | cut -d' ' -f1 | while read -r h; do grep -l 'infra-probe	done' "$out/ssh-out/$h"; done | wc -l)
    close_masters
    eval "$ansible_cmd" || true
    ansible_ok=$(grep -c '| CHANGED | rc=0' "$out/ansible-$n.txt" || true)
    echo "N=$n answers: infra-status $ok/$n, ssh $ssh_ok/$n, ansible $ansible_ok/$n" | tee -a "$out/load.txt"
    ((ok == n && ssh_ok == n && ansible_ok == n)) || { echo "not every host answered at N=$n" >&2; exit 1; }

    hyperfine -i -N --warmup 1 --runs "$RUNS_PROBER" --export-json "$out/h-prober-$n.json" \
        -n "infra-status N=$n" "$prober $prober_args" > /dev/null
    hyperfine -i --warmup 1 --runs "$RUNS_SSH" --export-json "$out/h-ssh-$n.json" -n "ssh N=$n" "$ssh_cmd" > /dev/null
    hyperfine -i --warmup 1 --runs "$RUNS_ANSIBLE" --prepare "bash -c 'for s in $out/ansible-cp/*; do ssh -o ControlPath=\$s -O exit bench; done 2>/dev/null; true'" \
        --export-json "$out/h-ansible-$n.json" -n "ansible N=$n" "$ansible_cmd" > /dev/null
    close_masters

    p=$(hyper_median "$out/h-prober-$n.json")
    s=$(hyper_median "$out/h-ssh-$n.json")
    a=$(hyper_median "$out/h-ansible-$n.json")
    cpu_prober=$(for _ in 1 2 3 4 5; do rusage "$prober $prober_args" | cut -d' ' -f1; done | median)
    cpu_ssh=$(for _ in 1 2 3; do rusage "$ssh_cmd" | cut -d' ' -f1; done | median)
    cpu_ansible=$(rusage "$ansible_cmd" | cut -d' ' -f1)
    close_masters
    per() { awk -v c="$1" -v n="$n" 'BEGIN { printf "%.1f ms", c * 1000 / n }'; }
    ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.1f×", x / y }'; }
    echo "| $n | ${p} s | ${s} s | ${a} s | $(ratio "$s" "$p") | $(ratio "$a" "$p") | $(per "$cpu_prober") | $(per "$cpu_ssh") | $(per "$cpu_ansible") |" \
        | tee -a "$out/summary.md"
    echo "after N=$n: load $(load)" >> "$out/load.txt"
done

# Peak RSS of infra-status at the largest N, as /usr/bin/time -v reports it.
/usr/bin/time -v "$prober" --config "$out/infra-$max_n.yaml" --known-hosts "$known" --timeout 10 --json \
    > /dev/null 2> "$out/time-v.txt" || true
rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$out/time-v.txt")

# Faulty fleet: 28 healthy hosts, one tarpit (no SSH banner), one hanging `docker ps` (app role).
"$fixture/fleet-down.sh" "$healthy"
make_spec 30 "127.79.$((RANDOM % 250 + 1))" hang tarpit > "$out/spec-faulty"
"$fixture/fleet-up.sh" "$faulty" "$out/spec-faulty" > /dev/null
write_config "$faulty/hosts.tsv" faulty "$faulty/keys/id_ed25519"
faulty_args="--config $out/infra-faulty.yaml --known-hosts $faulty/known_hosts --timeout 5"
"$prober" $faulty_args > "$out/faulty-table.txt" || true
hyperfine -i -N --runs 3 --export-json "$out/h-faulty.json" -n "infra-status faulty N=30 timeout 5" \
    "$prober $faulty_args --json" > /dev/null
faulty_wall=$(hyper_median "$out/h-faulty.json")
write_commands "$out/infra-faulty.yaml" "$faulty/hosts.tsv"
cut -f1,2 "$faulty/hosts.tsv" | tr '\t' ' ' > "$out/list-faulty"
export BENCH_KNOWN_HOSTS=$faulty/known_hosts BENCH_KEY=$faulty/keys/id_ed25519 BENCH_TIMEOUT=5
hyperfine -i --runs 3 --export-json "$out/h-faulty-ssh.json" -n "timeout 5 ssh + xargs faulty" \
    "xargs -P 30 -L 1 $bench/status-ssh-one.sh < $out/list-faulty" > /dev/null
faulty_ssh=$(hyper_median "$out/h-faulty-ssh.json")
{
    echo
    echo "Peak RSS of infra-status at N=$max_n (/usr/bin/time -v): $((rss_kb / 1024)) MB ($rss_kb kB)."
    echo
    echo "Faulty fleet (30 hosts: 28 healthy, a tarpit, a hanging docker ps), timeout 5 s: infra-status ${faulty_wall} s;"
    echo "\`timeout 5 ssh\` + xargs -P 30: ${faulty_ssh} s. infra-status states:"
    echo
    echo '```'
    grep -E '^[a-z]' "$out/faulty-table.txt" | awk '{print $1, $NF}' | sort -k2 | uniq -c -f1 | awk '{print $3 ": " $1 " hosts"}'
    grep -E 'timeout|  !' "$out/faulty-table.txt" | head -6
    echo '```'
    echo
    echo "Load average (1/5/15 min) during the run:"
    echo
    sed 's/^/    /' "$out/load.txt"
    echo "    end: $(load)"
} >> "$out/summary.md"
cat "$out/summary.md"
