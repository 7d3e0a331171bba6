#!/usr/bin/env bash
# Without its dialect plugin the example must fail with a PluginError that
# lists the folders searched. The core library is copied to a folder with no
# dialects beside it and preferred through LD_LIBRARY_PATH.
#   check_missing_plugin.sh <libtabula.so> <getting_started>
set -euo pipefail
lib=$1
app=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib"
cp -L "$lib" "$tmp/lib/$(basename "$(readlink -f "$lib")")"
soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
cp -L "$lib" "$tmp/lib/$soname"

set +e
out=$(env -u TABULA_PLUGIN_PATH LD_LIBRARY_PATH="$tmp/lib" "$app" 2>&1)
rc=$?
set -e
echo "$out"
[[ $rc -ne 0 ]] || { echo "FAIL: the example succeeded without its plugin" >&2; exit 1; }
grep -q "PluginError" <<<"$out" || { echo "FAIL: no PluginError" >&2; exit 1; }
grep -q "$tmp/lib/tabula/dialects" <<<"$out" || { echo "FAIL: folder next to the core not listed" >&2; exit 1; }
grep -q "tabula-dialect-sqlite-abi1" <<<"$out" || { echo "FAIL: file name not given" >&2; exit 1; }
echo "ok: missing plugin reported with the folders searched"
