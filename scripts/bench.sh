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

"$root/scripts/install-deps.sh" --test

# The peer libraries and the runner's interpreter, from Debian.
missing=()
for p in libsoci-dev python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Sequelize and its drivers, when the Node programs are present.
if [[ -f "$root/bench/node/package.json" ]]; then
  if command -v npm >/dev/null 2>&1; then
    (cd "$root/bench/node" && { npm ci || npm install; })
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
