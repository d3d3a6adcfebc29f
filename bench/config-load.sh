#!/bin/sh
# Load-time benchmark for infra.yaml: our libyaml-event parser + Config decoder against PyYAML's
# C loader (yaml.CSafeLoader, python3-yaml), on the same generated 5,000-host file.
#
#   bench/config-load.sh [HOSTS] [PROCESS_PAIRS] [ROUNDS_PER_PROCESS]     (defaults: 5000 5 10)
#
# Both sides are timed inside their own process (interpreter and process start excluded), in
# alternating processes so machine load hits both alike; the medians are over every round.
# A hyperfine run of whole processes (start-up included) follows for context.
set -eu

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
hosts=${1:-5000}
pairs=${2:-5}
rounds=${3:-10}
out="$bench/out"
mkdir -p "$out"
file="$out/infra-$hosts.yaml"
swiftc=${SWIFTC:-swiftc}

python3 "$bench/config-load-generate.py" "$file" "$hosts"
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
    python3 "$bench/config-load-pyyaml.py" "$file" "$rounds" >> "$out/pyyaml.txt"
    i=$((i + 1))
done

echo "in-process load time, median of per-process medians (min), $pairs processes x $rounds rounds each:"
summary() {
    awk -v phase="$2" -v label="$3" '$1 == phase { n++; med[n] = $2; if (min == "" || $3 < min) min = $3 }
        END { asort(med); m = (n % 2) ? med[(n + 1) / 2] : (med[n / 2] + med[n / 2 + 1]) / 2;
              printf "  %-34s %8.2f ms  (min %.2f ms)\n", label, m, min }' "$1"
}
summary "$out/swift.txt" yaml "swift: YAML node tree only"
summary "$out/swift.txt" load "swift: InfraConfig.load (full)"
summary "$out/pyyaml.txt" load "pyyaml: yaml.load CSafeLoader"

if command -v hyperfine > /dev/null; then
    echo "whole processes, one load each (start-up included):"
    hyperfine -N --warmup 2 --runs 15 --style basic \
        "$out/config-load-swift $file 1" \
        "python3 $bench/config-load-pyyaml.py $file 1" 2>&1 | grep -E 'Time|±|faster|Benchmark' || true
fi
