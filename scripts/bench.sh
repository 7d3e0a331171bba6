#!/usr/bin/env bash
# The benchmark command: installs what it needs, builds a Release tree,
# starts throwaway PostgreSQL and MariaDB servers on loopback, runs
# bench/run.py (arguments are passed through) and stops the servers again.
#   scripts/bench.sh                       # everything, full sizes
#   scripts/bench.sh --small               # the quick sizes
#   scripts/bench.sh --dialects sqlite --impls tabula,raw
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TABULA_BENCH_BUILD_DIR:-$root/build-bench}
case "$build" in /*) ;; *) build=$root/$build ;; esac

# The --test set includes SOCI, python3 and Node.
"$root/scripts/install-deps.sh" --test

# Sequelize and its drivers, when the Node programs are present.
if [[ -f "$root/bench/node/package.json" ]]; then
  if command -v npm >/dev/null 2>&1; then
    # Builds the sqlite3 module from source against the installed Node headers.
    bash "$root/bench/node/install.sh"
  else
    echo "bench.sh: npm not found; the Sequelize programs will be skipped" >&2
  fi
fi

# Release, and only what the benchmark runs.
TABULA_BUILD_DIR=$build "$root/scripts/build.sh" -DCMAKE_BUILD_TYPE=Release \
  -DTABULA_BUILD_BENCH=ON -DTABULA_BUILD_TESTS=OFF -DTABULA_BUILD_EXAMPLES=OFF

trap '"$root/scripts/test-servers.sh" stop >/dev/null 2>&1 || true' EXIT
eval "$("$root/scripts/test-servers.sh" start)"

python3 "$root/bench/run.py" --build "$build" "$@"
