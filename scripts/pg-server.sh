#!/usr/bin/env bash
# Runs a throwaway PostgreSQL 15 server for the tests, in its own folder.
#   scripts/pg-server.sh start   initdb + start, role tabula / database tabula_test, print env
#   scripts/pg-server.sh env     print the export line for TABULA_TEST_POSTGRES_URL
#   scripts/pg-server.sh stop    stop the server and remove its folder
#   scripts/pg-server.sh restart stop (if running) and start again: same folder, data and port
#   scripts/pg-server.sh stop-for SECONDS
#                                stop, and start again on the same port after SECONDS; the
#                                start happens even if this script is killed meanwhile
#   scripts/pg-server.sh start-again
#                                start the folder's server on its port if it is not running
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

# Starts the server of an existing folder again, on the port its settings name.
start_again() {
    as_server_user "$PG_BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 >/dev/null ||
        die "server did not start again, see $LOG"
}

# The server keeps its folder, data and port: only the process goes.
stop_only() {
    if alive; then
        as_server_user "$PG_BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 30 >/dev/null ||
            die "the server in $DATA did not stop"
    fi
}

need_existing() {
    [[ -f $ENV_FILE && -f $DATA/PG_VERSION ]] || die "no server in $DIR; run: $0 start"
}

restart_server() {
    need_existing
    stop_only
    start_again
}

# Stops the server, waits, starts it again: the whole of stop-for, run in a
# process of its own.
stop_then_start() {
    stop_only
    sleep "$1"
    start_again
}

stop_for() {
    local seconds=$1
    [[ $seconds =~ ^[0-9]+$ ]] || die "stop-for needs a whole number of seconds, got '$seconds'"
    need_existing
    # In a session of its own, so that the server comes back even when
    # whoever asked for the pause is killed meanwhile.
    local status=0
    setsid bash "$(readlink -f "$0")" stop-then-start "$seconds" \
        </dev/null >>"$DIR/stop-for.log" 2>&1 9>&- &
    wait $! || status=$?
    if ((status != 0)) || ! ready; then
        tail -n 20 "$DIR/stop-for.log" >&2
        die "server did not come back after stop-for $seconds, see $LOG"
    fi
}

cmd=${1:-}
case $cmd in
start | stop | env | restart | start-again) ;;
stop-for | stop-then-start)
    [[ $# -eq 2 ]] || die "usage: $0 stop-for SECONDS"
    ;;
*)
    echo "usage: $0 start|stop|env|restart|stop-for SECONDS" >&2
    exit 2
    ;;
esac

# What stop-for runs in a process of its own, while stop-for holds the lock.
if [[ $cmd == stop-then-start ]]; then
    need_existing
    stop_then_start "$2"
    exit 0
fi

# One start or stop at a time, even when several test runs race.
mkdir -p "$BASE"
exec 9>"$BASE/.postgres.lock"
flock 9

case $cmd in
start) start_server ;;
stop) stop_server ;;
env) print_env ;;
restart) restart_server ;;
stop-for) stop_for "$2" ;;
start-again)
    need_existing
    alive || start_again
    ;;
esac
