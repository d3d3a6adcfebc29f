#!/bin/sh
# Load-time benchmark for infra.yaml: our libyaml-event parser + Config decoder against PyYAML's
# C loader (yaml.CSafeLoader, python3-yaml), on the same generated 5,000-host file.
#
#   bench/config-load.sh [HOSTS] [PROCESS_PAIRS] [ROUNDS_PER_PROCESS]     (defaults: 5000 5 5)
#
# Both sides are timed inside their own process (interpreter and process start excluded), in
# alternating processes so machine load hits both alike; the medians are over every round.
# A hyperfine run of whole processes (start-up included) follows for context.
set -eu

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
hosts=${1:-5000}
pairs=${2:-5}
rounds=${3:-5}
out="$bench/out"
mkdir -p "$out"
file="$out/infra-$hosts.yaml"
swiftc=${SWIFTC:-swiftc}
python=${PYTHON:-/usr/bin/python3}   # Debian's python3 with the python3-yaml package

"$python" "$bench/config-load-generate.py" "$file" "$hosts"
echo "file: $file ($(wc -c < "$file") bytes, $(wc -l < "$file") lines)"

"$swiftc" -O -wmo -parse-as-library -module-name ConfigLoadBench \
    -I "$root/Sources/CYAML" \
    "$root"/Sources/InfraKit/Support/*.swift \
    "$root"/Sources/InfraKit/YAML/*.swift \
    "$root"/Sources/InfraKit/Config/*.swift \
    "$root"/Sources/InfraKit/Config/*/*.swift \
    "$bench/config-load-bench.swift" \
    -o "$out/config-load-swift"

: > "$out/swift.txt"
: > "$out/pyyaml.txt"
i=0
while [ "$i" -lt "$pairs" ]; do
    "$out/config-load-swift" "$file" "$rounds" >> "$out/swift.txt"
    "$python" "$bench/config-load-pyyaml.py" "$file" "$rounds" >> "$out/pyyaml.txt"
    i=$((i + 1))
done

echo "in-process load time, median of per-process medians (min), $pairs processes x $rounds rounds each:"
summary() {
    medians=$(awk -v phase="$2" '$1 == phase { print $2 }' "$1" | sort -n)
    count=$(printf '%s\n' "$medians" | wc -l)
    median=$(printf '%s\n' "$medians" | awk -v n="$count" '{ v[NR] = $1 }
        END { if (n % 2) print v[(n + 1) / 2]; else printf "%.2f\n", (v[n / 2] + v[n / 2 + 1]) / 2 }')
    minimum=$(awk -v phase="$2" '$1 == phase { print $3 }' "$1" | sort -n | head -n 1)
    printf '  %-34s %8s ms  (min %s ms)\n' "$3" "$median" "$minimum"
}
summary "$out/swift.txt" yaml "swift: YAML node tree only"
summary "$out/swift.txt" load "swift: InfraConfig.load (full)"
summary "$out/pyyaml.txt" load "pyyaml: yaml.load CSafeLoader"

if command -v hyperfine > /dev/null; then
    echo "whole processes, one load each (start-up included):"
    hyperfine -N --warmup 2 --runs 15 --style basic \
        "$out/config-load-swift $file 1" \
        "$python $bench/config-load-pyyaml.py $file 1" 2>&1 | grep -E 'Time|±|faster|Benchmark' || true
fi
