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
  packages+=(postgresql mariadb-server clang-format dpkg-dev file)
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
