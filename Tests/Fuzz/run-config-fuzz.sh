#!/bin/sh
# Fuzz infra.yaml loading (libyaml events → YAML node tree → Config decoder → ssh argv) with
# libFuzzer. Usage: Tests/Fuzz/run-config-fuzz.sh [SECONDS] [extra libFuzzer flags…]
# Builds .build/fuzz/config-fuzz with swiftc (AddressSanitizer + libFuzzer), then runs it at the
# lowest CPU priority on a working corpus seeded from Tests/Fuzz/corpus. Crashes, timeouts and
# out-of-memory inputs land in .build/fuzz/artifacts/.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-600}
[ $# -gt 0 ] && shift
out="$root/.build/fuzz"
mkdir -p "$out/corpus" "$out/artifacts"

swiftc=${SWIFTC:-swiftc}
"$swiftc" -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name ConfigFuzz \
    -I "$root/Sources/CYAML" \
    "$root"/Sources/InfraKit/Support/*.swift \
    "$root"/Sources/InfraKit/YAML/*.swift \
    "$root"/Sources/InfraKit/Config/*.swift \
    "$root"/Sources/InfraKit/Config/*/*.swift \
    "$root"/Sources/InfraKit/OpenSSH/*.swift \
    "$root"/Sources/InfraKit/HTTP/HTTPHeaders.swift \
    "$root"/Sources/InfraKit/HTTP/HTTPParameters.swift \
    "$root"/Sources/InfraKit/GitHub/RepositoryName.swift \
    "$root/Tests/Fuzz/ConfigFuzzTarget.swift" \
    -o "$out/config-fuzz"

. "$root/Tests/Fuzz/fuzz-run.sh"
cd "$out"
fuzz_run ./config-fuzz "$root/Tests/Fuzz/config.dict" "$out/artifacts" "$seconds" "$@" -- \
    "$out/corpus" "$root/Tests/Fuzz/corpus"
