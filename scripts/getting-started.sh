#!/usr/bin/env bash
# The first README command: installs what building needs, builds Tabula, and
# runs the getting-started example on SQLite (no server needed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DTABULA_BUILD_TESTS=OFF
exec "${TABULA_BUILD_DIR:-$root/build}/bin/getting_started" "$@"
