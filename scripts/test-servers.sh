#!/usr/bin/env bash
# Starts or stops the PostgreSQL and MariaDB servers the tests use, each in
# its own folder on a loopback port. `start` prints export lines for eval:
#   eval "$(scripts/test-servers.sh start)"
#   scripts/test-servers.sh stop
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-}" in
start)
    "$here/pg-server.sh" start >&2
    "$here/mariadb-server.sh" start >&2
    "$here/pg-server.sh" env
    "$here/mariadb-server.sh" env
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
    ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
