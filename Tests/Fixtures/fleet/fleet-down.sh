#!/bin/bash
# Stops everything fleet-up.sh started for STATE_DIR: each listener, every session it forked
# (sshd's session children call setsid, so a group kill would miss them) and hung fake commands.
#   fleet-down.sh STATE_DIR
set -uo pipefail
state=$1
[ -d "$state/run" ] || exit 0

descendants() {
    local child
    for child in $(pgrep -P "$1"); do
        descendants "$child"
        echo "$child"
    done
}

victims=()
for pidfile in "$state"/run/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        victims+=($(descendants "$pid") "$pid")
    fi
    rm -f "$pidfile"
done
if [ -e "$state/run/hang.pids" ]; then
    victims+=($(cat "$state/run/hang.pids"))
    rm -f "$state/run/hang.pids"
fi
for pid in "${victims[@]}"; do kill "$pid" 2>/dev/null; done
for _ in $(seq 50); do
    alive=0
    for pid in "${victims[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || exit 0
    sleep 0.05
done
for pid in "${victims[@]}"; do kill -9 "$pid" 2>/dev/null; done
exit 0
