#!/usr/bin/env bash
# Runs every scenario of bench.js at the small sizes against one database and
# checks each printed checksum against the data set.
#   bash bench/node/check.sh sqlite /tmp/bench.db [--setup]
#   bash bench/node/check.sh postgres postgres://user:pw@127.0.0.1:5432/db [--setup]
# --setup first builds the shared tables with bench.js's own setup (2000 rows).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dialect=$1
url=$2
bash "$here/install.sh" >&2

run() { node "$here/bench.js" --dialect "$dialect" --url "$url" "$@"; }
field() { node -e 'const l=JSON.parse(require("fs").readFileSync(0,"utf8"));
  if (l.unsupported) { console.log("unsupported"); process.exit(0); }
  console.log(l[process.argv[1]])' "$1"; }

failed=0
check() { # expected-scenario size line
    local want got
    want=$(node "$here/expected.js" --scenario "$1" --size "$2" --table-rows "$table_rows")
    got=$(field checksum <<<"$3")
    if [ "$want" = "$got" ]; then
        echo "ok   $3"
    else
        echo "FAIL want $want: $3"
        failed=1
    fi
}

if [ "${3:-}" = "--setup" ]; then
    line=$(run --scenario setup --size 2000 --runs 1)
    table_rows=2000
    check setup 2000 "$line"
fi
table_rows=${table_rows:-2000}

reader() { run --impl "$impl" --runs 1 --scenario "$@"; }
for impl in sequelize sequelize-raw; do
    check findByPk 500 "$(reader findByPk --size 500)"
    check findAll 1000 "$(reader findAll --size 1000)"
    check eager 0 "$(reader eager --size 0)"
    for t in 1 8 64; do
        check pool 1000 "$(reader pool --size 1000 --threads $t --variant pooled)"
    done
    check pool 1000 "$(reader pool --size 1000 --threads 16 --variant dedicated)"
done
check bulkCreate 1000 "$(run --scenario bulkCreate --size 1000 --runs 2)"
check bulkCreate-returning 1000 \
    "$(run --scenario bulkCreate --size 1000 --variant returning --runs 2)"
check roundtrips 3 "$(run --scenario roundtrips --size 3 --runs 2)"
exit $failed
