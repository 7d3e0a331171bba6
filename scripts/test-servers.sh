#!/usr/bin/env bash
# Starts or stops the PostgreSQL and MariaDB servers the tests use, each in
# its own folder on a loopback port. `start` prints export lines for eval:
#   eval "$(scripts/test-servers.sh start)"
#   scripts/test-servers.sh stop
# Besides the servers' URLs, it exports TABULA_TEST_SERVERS_DIR, the folder
# that holds them, for tests that restart a server (pg-server.sh restart).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

print_dir() {
    local base=${TABULA_SERVERS_DIR:-/tmp/tabula-servers}
    mkdir -p "$base"
    base=$(cd "$base" && pwd)
    printf 'export TABULA_TEST_SERVERS_DIR=%q\n' "$base"
}

case "${1:-}" in
start)
    "$here/pg-server.sh" start >&2
    "$here/mariadb-server.sh" start >&2
    "$here/pg-server.sh" env
    "$here/mariadb-server.sh" env
    print_dir
    ;;
stop)
    status=0
    "$here/pg-server.sh" stop || status=$?
    "$here/mariadb-server.sh" stop || status=$?
    exit $status
    ;;
env)
    "$here/pg-server.sh" env
    "$here/mariadb-server.sh" env
    print_dir
    ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
