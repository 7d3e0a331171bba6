#!/bin/sh
# Runs bench/run.py --small for one dialect over Tabula, the raw libraries and
# any peer program that is built. Exit 77 when the dialect is switched off
# with TABULA_TEST_SKIP; a missing server URL is an error.
#   run_small.sh DIALECT PYTHON RUN_PY BUILD_DIR BIN_DIR WORK_DIR
set -eu
dialect=$1 python=$2 run_py=$3 build=$4 bin=$5 work=$6

for skipped in $(echo "${TABULA_TEST_SKIP:-}" | tr ',' ' '); do
  if [ "$skipped" = "$dialect" ]; then
    echo "$dialect skipped by TABULA_TEST_SKIP"
    exit 77
  fi
done

mkdir -p "$work"
set -- --small --dialects "$dialect" --impls tabula,raw,soci,poco --build "$build" \
  --bin-dir "$bin" --sqlite "$work/bench-small.sqlite" --json "$work/bench-small-$dialect.json"
case $dialect in
postgres | mysql)
  var=TABULA_TEST_$(echo "$dialect" | tr a-z A-Z)_URL
  url=$(eval "echo \${$var:-}")
  if [ -z "$url" ]; then
    echo "error: $var is not set; start the servers with" >&2
    echo '  eval "$(scripts/test-servers.sh start)"' >&2
    echo "or set TABULA_TEST_SKIP=$dialect" >&2
    exit 1
  fi
  set -- "$@" "--$dialect-url" "$url"
  ;;
esac
exec "$python" "$run_py" "$@"
