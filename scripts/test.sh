#!/usr/bin/env bash
# The second README command: installs what building and testing need, builds
# everything, starts throwaway PostgreSQL and MariaDB servers on loopback,
# runs every test, and stops the servers again whatever happens.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TABULA_BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" -DTABULA_BUILD_TESTS=ON

trap '"$root/scripts/test-servers.sh" stop >/dev/null 2>&1 || true' EXIT
eval "$("$root/scripts/test-servers.sh" start)"

# Sequelize, for the T-SQL comparison, from the npm registry (pinned by the lock file).
(cd "$root/tests/tsql" && npm ci --no-audit --no-fund --loglevel=error)

cd "$build"
status=0
ctest --output-on-failure -j "$(nproc)" "$@" || status=$?
# Sequelize's own tests, translated: passed / failed / known failures / not
# supported / skipped as in Sequelize, per dialect (tests/sequelize).
grep -h '^sequelize\[' Testing/Temporary/LastTest.log 2>/dev/null || true
if [[ -z "${TABULA_TEST_MSSQL_URL:-}" ]]; then
  echo "SQL Server: the conformance suite did NOT run (no TABULA_TEST_MSSQL_URL);" \
    "the T-SQL comparison and the TDS protocol tests above did."
fi

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer, the
# fuzzers for a bounded time, and the concurrent tests under ThreadSanitizer.
# TABULA_TEST_SANITIZERS=0 leaves them out of a quick local run.
if [[ "${TABULA_TEST_SANITIZERS:-1}" != 0 ]]; then
  sanitizers=0
  "$root/scripts/sanitize.sh" || sanitizers=$?
  if ((sanitizers)); then
    echo "sanitizer or fuzzing run FAILED"
    status=1
  fi
fi
exit "$status"
