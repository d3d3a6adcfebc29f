#!/bin/sh
# Start-up time of `infra-dns --help` from release builds, side by side with `curl --version`,
# in one hyperfine run. Goal: median <= 15 ms.
#
# Two release builds are measured: the default one (Swift runtime and Foundation as shared
# libraries) and one with --static-swift-stdlib (linked into the executable), because loading
# and relocating the shared Foundation/ICU libraries is most of the default build's start-up.
#
# Usage: bench/startup.sh [RUNS]    (default 300 runs after 20 warm-up runs)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-300}
out=bench/out
mkdir -p "$out"

swift build -c release --product infra-dns >/dev/null
swift build -c release --static-swift-stdlib --product infra-dns --scratch-path .build-static >/dev/null
shared=$(swift build -c release --show-bin-path)/infra-dns
static=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/infra-dns

hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/startup.json" \
    -n "infra-dns --help (static stdlib)" "$static --help" \
    -n "infra-dns --help (shared stdlib)" "$shared --help" \
    -n "curl --version" "curl --version"

python3 - "$out/startup.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print()
print("| command | median | mean ± σ | min |")
print("| --- | --- | --- | --- |")
for r in results:
    ms = lambda s: "%.1f ms" % (s * 1000)
    print("| %s | %s | %s ± %s | %s |" % (r["command"], ms(r["median"]), ms(r["mean"]), ms(r["stddev"]), ms(r["min"])))
PY
