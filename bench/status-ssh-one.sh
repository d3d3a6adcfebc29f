#!/bin/sh
# One host for the `ssh` + `xargs -P N` comparison: the same command infra-status sends, via OpenSSH.
#   status-ssh-one.sh NAME ADDRESS   (environment: BENCH_OUT, BENCH_KNOWN_HOSTS, BENCH_KEY, BENCH_TIMEOUT)
exec ${BENCH_TIMEOUT:+timeout "$BENCH_TIMEOUT"} ssh -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$BENCH_KNOWN_HOSTS" -i "$BENCH_KEY" -p 2222 "root@$2" \
    "$(cat "$BENCH_OUT/cmd/$1")" > "$BENCH_OUT/ssh-out/$1" 2>&1
