#!/usr/bin/env bash
# The sanitizer and fuzzing runs of the README's test command; the test
# servers must be running (TABULA_TEST_*_URL set), as scripts/test.sh does.
#   1. clang, AddressSanitizer + UndefinedBehaviorSanitizer: the unit, plugin
#      and conformance tests (sqlite, postgres, mysql), and every fuzzer for
#      TABULA_FUZZ_SECONDS (default 20) seconds on its corpus.
#   2. gcc, ThreadSanitizer: the pool, concurrency and transaction tests.
# Any sanitizer report fails the run. Build folders: $TABULA_BUILD_DIR-asan
# and $TABULA_BUILD_DIR-tsan.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TABULA_BUILD_DIR:-$root/build}
seconds=${TABULA_FUZZ_SECONDS:-20}
common=(-DTABULA_BUILD_TESTS=ON -DTABULA_BUILD_EXAMPLES=OFF -DTABULA_BUILD_BENCH=OFF
  -DCMAKE_BUILD_TYPE=RelWithDebInfo)

export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1
export LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$root/scripts/tsan.supp

echo "== AddressSanitizer + UndefinedBehaviorSanitizer (clang)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build-asan" -G Ninja "${common[@]}" \
  -DTABULA_SANITIZE=address,undefined -DTABULA_BUILD_FUZZERS=ON >/dev/null
cmake --build "$build-asan" -j "$(nproc)"
(cd "$build-asan" &&
  ctest --output-on-failure -R '^(unit|plugins|conformance_(sqlite|postgres|mysql))$')

echo "== fuzzers, ${seconds} s each"
"$root/scripts/fuzz.sh" "$build-asan" "$seconds"

echo "== ThreadSanitizer (gcc)"
CC=gcc CXX=g++ cmake -S "$root" -B "$build-tsan" -G Ninja "${common[@]}" \
  -DTABULA_SANITIZE=thread -DTABULA_WITH_MSSQL=OFF >/dev/null
cmake --build "$build-tsan" -j "$(nproc)" --target tabula_conformance_tests \
  tabula_plugin_tests tabula_dialect_sqlite tabula_dialect_postgres tabula_dialect_mysql
status=0
for dialect in sqlite postgres mysql; do
  echo "-- conformance [$dialect]: concurrency and transactions"
  TABULA_TEST_DIALECT=$dialect "$build-tsan/bin/tabula_conformance_tests" \
    "[concurrency],[transactions]" || status=1
done
echo "-- plugins: the pool"
"$build-tsan/bin/tabula_plugin_tests" "[pool]" || status=1
exit $status
