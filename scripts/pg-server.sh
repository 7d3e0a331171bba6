#!/usr/bin/env bash
# Runs a throwaway PostgreSQL 15 server for the tests, in its own folder.
#   scripts/pg-server.sh start   initdb + start, role tabula / database tabula_test, print env
#   scripts/pg-server.sh env     print the export line for TABULA_TEST_POSTGRES_URL
#   scripts/pg-server.sh stop    stop the server and remove its folder
set -euo pipefail

PG_BIN=${TABULA_PG_BIN:-/usr/lib/postgresql/15/bin}
BASE=${TABULA_SERVERS_DIR:-/tmp/tabula-servers}
DIR=$BASE/postgres
DATA=$DIR/data
LOG=$DIR/server.log
ENV_FILE=$DIR/env
FIRST_PORT=55432

die() {
    echo "pg-server: $*" >&2
    exit 1
}

# Who owns and runs the server: PostgreSQL refuses to run as root.
if [[ $(id -u) -eq 0 ]]; then
    RUN_USER=postgres
else
    RUN_USER=$(id -un)
fi

# Runs a command as the server user in the server folder. fd 9 (the lock) is
# closed so that the postmaster does not inherit it and hold the lock forever.
as_server_user() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$DIR" && runuser -u "$RUN_USER" -- "$@" 9>&-)
    else
        (cd "$DIR" && "$@" 9>&-)
    fi
}

ensure_user() {
    [[ $(id -u) -eq 0 ]] || return 0
    id -u "$RUN_USER" >/dev/null 2>&1 && return 0
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$RUN_USER"
}

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htan "sport = :$port" 2>/dev/null) ]] && return 0
    fi
    # A successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

free_port() {
    local port=$FIRST_PORT
    while port_in_use "$port"; do
        port=$((port + 1))
        ((port < FIRST_PORT + 200)) || die "no free port in $FIRST_PORT..$((FIRST_PORT + 199))"
    done
    echo "$port"
}

# The postmaster process exists (it may still be starting or stopping).
alive() {
    [[ -f $DATA/postmaster.pid ]] && as_server_user "$PG_BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

# The server accepts connections on the port its pid file records.
ready() {
    alive || return 1
    local port
    port=$(sed -n 4p "$DATA/postmaster.pid")
    as_server_user "$PG_BIN/pg_isready" -q -h "$DIR" -p "$port"
}

print_env() {
    [[ -f $ENV_FILE ]] || die "no server running (no $ENV_FILE); run: $0 start"
    cat "$ENV_FILE"
}

stop_server() {
    if [[ -d $DIR ]]; then
        if alive; then
            as_server_user "$PG_BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 30 >/dev/null ||
                echo "pg-server: the server in $DATA did not stop; removing its folder anyway" >&2
        fi
        rm -rf "$DIR"
    fi
}

start_server() {
    if [[ -f $ENV_FILE ]] && ready; then
        print_env
        return 0
    fi
    [[ -x $PG_BIN/initdb ]] || die "PostgreSQL binaries not found in $PG_BIN (apt-get install postgresql)"
    ensure_user
    # Leftovers of a server that died are not reused: start from a fresh folder.
    stop_server

    mkdir -p "$BASE"
    mkdir -m 755 "$DIR"
    [[ $(id -u) -ne 0 ]] || chown "$RUN_USER:" "$DIR"
    as_server_user test -w "$DIR" ||
        die "$RUN_USER cannot write to $DIR; choose a TABULA_SERVERS_DIR it can reach"

    local port
    port=$(free_port)

    as_server_user "$PG_BIN/initdb" -D "$DATA" -U "$RUN_USER" --encoding=UTF8 --locale=C \
        --auth-local=peer --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
        die "initdb failed, see $DIR/initdb.log"

    # Later settings win, so appending overrides what initdb wrote.
    cat >>"$DATA/postgresql.conf" <<EOF

# Throwaway test server (scripts/pg-server.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$DIR'
max_connections = 200
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
# Not UTC on purpose: the dialect must not depend on the server's zone.
timezone = 'America/New_York'
log_timezone = 'America/New_York'
EOF
    cat >"$DATA/pg_hba.conf" <<EOF
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 peer
host    all       all   127.0.0.1/32  scram-sha-256
EOF

    as_server_user "$PG_BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 >/dev/null ||
        die "server did not start, see $LOG"

    as_server_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$port" \
        -U "$RUN_USER" -d postgres >/dev/null <<'EOF'
CREATE ROLE tabula LOGIN CREATEDB PASSWORD 'tabula_pw';
CREATE DATABASE tabula_test OWNER tabula ENCODING 'UTF8' TEMPLATE template0;
EOF

    echo "export TABULA_TEST_POSTGRES_URL=postgres://tabula:tabula_pw@127.0.0.1:$port/tabula_test" \
        >"$ENV_FILE.tmp"
    chmod 644 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
    print_env
}

cmd=${1:-}
case $cmd in
start | stop | env) ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac

# One start or stop at a time, even when several test runs race.
mkdir -p "$BASE"
exec 9>"$BASE/.postgres.lock"
flock 9

case $cmd in
start) start_server ;;
stop) stop_server ;;
env) print_env ;;
esac
