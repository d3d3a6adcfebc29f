#!/bin/sh
# Fuzz the decoders of provider answers (CloudNS, Hetzner Cloud and Robot, gh's alert output) with
# libFuzzer: the first byte of an input picks the decoder, the rest is the answer. Usage: Tests/Fuzz/run-json-fuzz.sh [SECONDS] [extra libFuzzer flags…]
# Builds .build/fuzz/json-fuzz with swiftc (AddressSanitizer + libFuzzer), then runs it at the
# lowest CPU priority on a working corpus seeded from Tests/Fuzz/corpus-json. Crashes, timeouts and
# out-of-memory inputs land in .build/fuzz/json-artifacts/.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-600}
[ $# -gt 0 ] && shift
out="$root/.build/fuzz"
mkdir -p "$out/json-corpus" "$out/json-artifacts"

# The decoders and what they stand on: the HTTP layer (whose default transport is libcurl, hence
# CCurl), the provider folders without the parts that only send (record sets, ACME), and the
# GitHub readers of gh's output. The harness itself is shared with the corpus tests.
k="$root/Sources/InfraKit"
swiftc=${SWIFTC:-swiftc}
"$swiftc" -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g \
    -module-name ProviderJSONFuzz -D PROVIDER_JSON_FUZZ \
    -I "$root/Sources/CCurl" -lcurl \
    "$k"/Support/*.swift "$k"/HTTP/*.swift "$k"/Curl/*.swift "$k"/Credentials/*.swift \
    "$k"/DNS/DNSName.swift "$k"/DNS/DNSRecord.swift "$k"/DNS/DNSPlan.swift \
    $(ls "$k"/CloudNS/*.swift | grep -v -e '+RecordSets' -e '+ACME') \
    "$k"/Hetzner/*.swift \
    "$k"/GitHub/AlertDecoding.swift "$k"/GitHub/Finding.swift "$k"/GitHub/GHAPIOutput.swift \
    "$k"/GitHub/GHOutcome.swift \
    "$root/Tests/InfraKitTests/ProviderAnswers/ProviderAnswerDecoders.swift" \
    "$root/Tests/Fuzz/ProviderJSONFuzzTarget.swift" \
    -o "$out/json-fuzz"

cd "$out"
# The fuzzer's inputs carry the decoder's byte in front of the answer; the seeds in git do not.
rm -rf "$out/json-seeds"
ASAN_OPTIONS=detect_leaks=0 PROVIDER_JSON_SEEDS="$root/Tests/Fuzz/corpus-json:$out/json-seeds" ./json-fuzz
LSAN_OPTIONS="suppressions=$root/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
. "$root/Tests/Fuzz/fuzz-run.sh"
fuzz_run ./json-fuzz "$root/Tests/Fuzz/json.dict" "$out/json-artifacts" "$seconds" "$@" -- \
    "$out/json-corpus" "$out/json-seeds"
