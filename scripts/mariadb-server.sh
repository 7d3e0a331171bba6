#!/usr/bin/env bash
# Runs a throwaway MariaDB server for the tests, on 127.0.0.1 only, in its own folder.
#   scripts/mariadb-server.sh start   initialise, start, create tabula_test; prints the URL
#   scripts/mariadb-server.sh env     prints `export TABULA_TEST_MYSQL_URL=...`
#   scripts/mariadb-server.sh stop    shut down and remove the folder
#   scripts/mariadb-server.sh restart shut down (if running) and start again: same folder, data, port
#   scripts/mariadb-server.sh stop-for SECONDS
#                                     shut down, and start again on the same port after SECONDS;
#                                     the start happens even if this script is killed meanwhile
#   scripts/mariadb-server.sh start-again
#                                     start the folder's server on its port if it is not running
# Any system MariaDB service (port 3306, /etc/mysql) is left alone: --no-defaults everywhere.
set -euo pipefail

dir="${TABULA_SERVERS_DIR:-/tmp/tabula-servers}/mariadb"
data="$dir/data"
sock="$dir/mysqld.sock"
pidfile="$dir/mysqld.pid"
log="$dir/server.log"
envfile="$dir/env"
first_port=53306
db_name=tabula_test
db_user=tabula
db_password=tabula_pw

die() {
  echo "mariadb-server.sh: $*" >&2
  exit 1
}

# Finds a program on PATH or in the sbin folders, where Debian puts mariadbd.
find_program() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
    for prefix in /usr/sbin /usr/local/sbin /sbin; do
      if [[ -x "$prefix/$name" ]]; then
        echo "$prefix/$name"
        return 0
      fi
    done
  done
  return 1
}

# A port is taken when something accepts a connection on it.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port=$first_port
  while port_taken "$port"; do
    port=$((port + 1))
    ((port < first_port + 200)) || die "no free port in $first_port..$port"
  done
  echo "$port"
}

server_pid() {
  [[ -s "$pidfile" ]] || return 1
  local pid
  pid=$(<"$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  # A stale pid file may name a process that is not ours: never signal that one.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--datadir=$data" || return 1
  fi
  echo "$pid"
}

admin() {
  "$mariadb_admin" --no-defaults --protocol=socket --socket="$sock" --user=root \
    --connect-timeout=2 "$@"
}

running() {
  server_pid >/dev/null && admin ping >/dev/null 2>&1
}

# Root starts the server as the unprivileged mysql user; anyone else as themselves.
server_user() {
  if [[ $(id -u) -ne 0 ]]; then
    id -un
    return
  fi
  if ! id mysql >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --user-group mysql
  fi
  echo mysql
}

print_env() {
  [[ -s "$envfile" ]] || die "not started: run scripts/mariadb-server.sh start"
  cat "$envfile"
}

# Runs the server on the folder's data and the given port, and waits until it answers.
launch() {
  local user=$1 port=$2
  local user_args=()
  [[ $(id -u) -ne 0 ]] || user_args=(--user="$user")
  # The default time zone is deliberately not UTC: the dialect must set its own.
  setsid "$mariadbd" --no-defaults "${user_args[@]}" \
    --datadir="$data" --socket="$sock" --pid-file="$pidfile" --log-error="$log" \
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
    --default-time-zone='-05:00' \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=32M \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --skip-log-bin \
    --performance-schema=OFF --max-connections=300 \
    </dev/null >>"$log" 2>&1 &

  local launched=$! deadline=$((SECONDS + 60))
  until admin ping >/dev/null 2>&1; do
    # Gone before answering (and no pid file left by a forked server): it failed.
    if ((SECONDS >= deadline)) || { ! kill -0 "$launched" 2>/dev/null && ! server_pid >/dev/null; }; then
      tail -n 30 "$log" >&2 || true
      die "the server did not come up (log: $log)"
    fi
    sleep 0.2
  done
}

# The port of the server this folder holds, from the URL that start wrote.
recorded_port() {
  [[ -s "$envfile" && -d "$data/mysql" ]] || die "no server in $dir; run: $0 start"
  local port
  port=$(sed -nE 's|.*@127\.0\.0\.1:([0-9]+)/.*|\1|p' "$envfile")
  [[ -n "$port" ]] || die "no port in $envfile"
  echo "$port"
}

# Starts the server of an existing folder again, unless it runs.
start_again() {
  local port
  port=$(recorded_port)
  running && return 0
  mariadbd=$(find_program mariadbd mysqld) || die "mariadbd not found (apt-get install mariadb-server)"
  launch "$(server_user)" "$port"
}

restart() {
  recorded_port >/dev/null
  stop_server
  start_again
}

# Stops the server, waits, starts it again: the whole of stop-for, run in a
# process of its own.
stop_then_start() {
  recorded_port >/dev/null
  stop_server
  sleep "$1"
  start_again
}

stop_for() {
  local seconds=$1
  [[ "$seconds" =~ ^[0-9]+$ ]] || die "stop-for needs a whole number of seconds, got '$seconds'"
  recorded_port >/dev/null
  # In a session of its own, so that the server comes back even when
  # whoever asked for the pause is killed meanwhile.
  local status=0
  setsid bash "$(readlink -f "$0")" stop-then-start "$seconds" \
    </dev/null >>"$dir/stop-for.log" 2>&1 &
  wait $! || status=$?
  if ((status != 0)) || ! running; then
    tail -n 20 "$dir/stop-for.log" >&2
    die "the server did not come back after stop-for $seconds (log: $log)"
  fi
}

start() {
  mariadbd=$(find_program mariadbd mysqld) || die "mariadbd not found (apt-get install mariadb-server)"
  install_db=$(find_program mariadb-install-db mysql_install_db) || die "mariadb-install-db not found"
  client=$(find_program mariadb mysql) || die "mariadb client not found"

  if [[ -s "$envfile" ]] && running; then
    print_env
    return
  fi
  # Whatever is left from an earlier run is stale: start over in a clean folder.
  stop_server
  rm -rf "$dir"

  local user port
  user=$(server_user)
  port=$(free_port)
  mkdir -p "$data"
  chmod 755 "$(dirname "$dir")" "$dir" 2>/dev/null || true
  chown -R "$user" "$dir"

  "$install_db" --no-defaults --user="$user" --datadir="$data" \
    --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
    >"$dir/install.log" 2>&1 || {
    tail -n 30 "$dir/install.log" >&2
    die "mariadb-install-db failed"
  }

  # The server writes its log itself, as its own user.
  : >"$log"
  chown "$user" "$log"

  launch "$user" "$port"

  "$client" --no-defaults --protocol=socket --socket="$sock" --user=root <<SQL
CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL ON \`$db_name\`.* TO '$db_user'@'127.0.0.1';
GRANT ALL ON \`$db_name\`.* TO '$db_user'@'localhost';
SQL

  echo "export TABULA_TEST_MYSQL_URL=mysql://$db_user:$db_password@127.0.0.1:$port/$db_name" \
    >"$envfile"
  print_env
}

# Shuts the server in $dir down, politely first; silent when none runs.
stop_server() {
  local pid
  pid=$(server_pid) || return 0
  admin shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
}

stop() {
  stop_server
  rm -rf "$dir"
}

mariadb_admin=$(find_program mariadb-admin mysqladmin || true)
[[ -n "$mariadb_admin" ]] || die "mariadb-admin not found (apt-get install mariadb-server)"

case "${1:-}" in
start) start ;;
stop) stop ;;
env) print_env ;;
restart) restart ;;
start-again) start_again ;;
stop-then-start)
  [[ $# -eq 2 ]] || die "usage: $0 stop-for SECONDS"
  stop_then_start "$2"
  ;;
stop-for)
  [[ $# -eq 2 ]] || die "usage: $0 stop-for SECONDS"
  stop_for "$2"
  ;;
*)
  echo "usage: $0 start|stop|env|restart|stop-for SECONDS" >&2
  exit 2
  ;;
esac
