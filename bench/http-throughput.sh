#!/usr/bin/env bash
# 2,000 sequential small GETs over one kept-alive loopback connection: APIClient (libcurl multi handle
# on its engine thread, release build of bench-http) against ONE curl process fetching the same URLs.
# Both sides talk to the same Python server and are timed the same way: wall clock of the whole
# process, start-up included. Runs alternate (ours, curl, ours, …) so both see the same machine load;
# prints the median requests per second of each side over RUNS runs, and the median of the per-pair
# ratios, which is the steadiest figure on a shared machine.
#
#   bench/http-throughput.sh            # N=2000 RUNS=11
#   N=5000 RUNS=21 bench/http-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-2000}
RUNS=${RUNS:-11}
out=bench/out/http-throughput
mkdir -p "$out"
rm -f "$out/port"

swift build -c release --product bench-http >/dev/null
client="$(swift build -c release --show-bin-path)/bench-http"

python3 bench/http-throughput-server.py "$out/port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$out/port" ]] && break; sleep 0.05; done
port=$(cat "$out/port")
base="http://127.0.0.1:$port"

for i in $(seq 1 "$N"); do echo "url = \"$base/item/$i\""; done >"$out/urls.txt"

now() { date +%s%N; }
rate() { echo $(( N * 1000000000 / ($2 - $1) )); }

# Warm-up: page cache, server threads, first connection.
"$client" "$base" 200 >/dev/null
curl -s --config "$out/urls.txt" >/dev/null

ours=() theirs=() ratios=()
for _ in $(seq "$RUNS"); do
    start=$(now); "$client" "$base" "$N" >/dev/null; end=$(now); ours+=("$(rate "$start" "$end")")
    start=$(now); curl -s --config "$out/urls.txt" >/dev/null; end=$(now); theirs+=("$(rate "$start" "$end")")
    ratios+=("$(awk -v a="${ours[-1]}" -v b="${theirs[-1]}" 'BEGIN { printf "%.3f", a / b }')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ours_median=$(median "${ours[@]}")
curl_median=$(median "${theirs[@]}")
ratio_median=$(median "${ratios[@]}")

echo "http-throughput: $N sequential GETs, keep-alive, loopback, median of $RUNS runs"
echo "  APIClient (bench-http)  ${ours_median} req/s   runs: ${ours[*]}"
echo "  curl $(curl --version | awk 'NR == 1 { print $2 }') (one process)  ${curl_median} req/s   runs: ${theirs[*]}"
echo "  ratio APIClient / curl, median of pairs: $ratio_median (goal >= 0.80)   pairs: ${ratios[*]}"
