#!/usr/bin/env bash
# The core library and an application linked to it must not depend on any
# database client library; only dialect plugins do.
#   check_no_client_libs.sh <libtabula.so> <app>
set -euo pipefail
status=0
for file in "$@"; do
    deps=$(ldd "$file")
    if grep -Ei 'sqlite|libpq|mariadb|mysql|sybdb|tds' <<<"$deps"; then
        echo "FAIL: $file links a database client library" >&2
        status=1
    else
        echo "ok: $file links no database client library"
    fi
done
exit $status
