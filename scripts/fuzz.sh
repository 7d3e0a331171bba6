#!/usr/bin/env bash
# Runs each fuzzer of a build made with -DTABULA_BUILD_FUZZERS=ON (clang) on a
# copy of its corpus in fuzz/corpus/<name>, for SECONDS seconds each.
#   scripts/fuzz.sh BUILD_DIR [SECONDS] [NAME...]
# A crash, a sanitizer report or an untyped exception fails the run and
# leaves the input that caused it in BUILD_DIR/fuzz-artifacts/. For a longer
# run:  scripts/fuzz.sh build-asan 3600 where
# New inputs are kept in BUILD_DIR/fuzz-corpus/<name>; copy the useful ones
# into fuzz/corpus/<name> to keep them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: fuzz.sh BUILD_DIR [SECONDS] [NAME...]}" && pwd)
seconds=${2:-20}
shift $(($# < 2 ? $# : 2))
names=("$@")
((${#names[@]})) || names=(uri raw_bind json_path where)
mkdir -p "$build/fuzz-artifacts"
for name in "${names[@]}"; do
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work"
  cp -n "$root/fuzz/corpus/$name/"* "$work/" 2>/dev/null || true
  echo "-- fuzz_$name for ${seconds}s"
  "$build/bin/fuzz_$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$name-" "$work" 2>"$build/fuzz-$name.log" || {
    tail -60 "$build/fuzz-$name.log"
    echo "fuzz_$name FAILED; the input is in $build/fuzz-artifacts/"
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz-$name.log" | tr '\n' ' '
  echo
done
