# Sourced by the run-*-fuzz.sh scripts: the libFuzzer settings both targets share.
# fuzz_run BINARY DICT ARTIFACTS SECONDS [libFuzzer flags…] -- CORPUS…
# Runs BINARY at the lowest CPU priority for SECONDS; inputs longer than 8 KiB, slower than 10 s
# or using more than 2 GB count as findings and land in ARTIFACTS.
fuzz_run() {
    binary=$1 dictionary=$2 artifacts=$3 seconds=$4
    shift 4
    flags=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        flags="$flags $1"
        shift
    done
    [ $# -gt 0 ] && shift
    # shellcheck disable=SC2086 # the extra flags are separate words on purpose
    exec nice -n 19 "$binary" \
        -max_total_time="$seconds" \
        -max_len=8192 \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -dict="$dictionary" \
        -artifact_prefix="$artifacts/" \
        -print_final_stats=1 \
        $flags \
        "$@"
}
