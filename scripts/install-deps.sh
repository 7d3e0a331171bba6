#!/usr/bin/env bash
# Installs, from Debian's packages, what building and testing Tabula needs.
#   scripts/install-deps.sh          build tools + client libraries (SQLite example)
#   scripts/install-deps.sh --test   also the PostgreSQL and MariaDB servers for tests
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libpoco-dev libboost-dev catch2
  libsqlite3-dev libpq-dev libmariadb-dev freetds-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # python3 runs the TDS test server and the benchmark runner (SOCI is one of
  # the libraries the benchmarks compare with); Node runs
  # Sequelize for the T-SQL comparison and the benchmarks.
  packages+=(postgresql mariadb-server clang-format dpkg-dev file python3 libsoci-dev)
  # clang with its sanitizer and libFuzzer runtimes for the sanitizer and
  # fuzzing runs (scripts/sanitize.sh); gcc's ThreadSanitizer runtime.
  packages+=(clang libclang-rt-dev libtsan2)
  # Node may come from elsewhere (e.g. NodeSource, whose nodejs bundles npm):
  # only ask Debian for what is not on the PATH yet.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
