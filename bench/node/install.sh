#!/usr/bin/env bash
# Installs the Sequelize benchmark's npm dependencies from package-lock.json.
# sqlite3 would normally fetch a prebuilt binary from outside the npm
# registry; instead it is compiled here against the Node headers installed on
# the machine, so node-gyp never downloads anything either.
#   bash bench/node/install.sh          (idempotent; quick when up to date)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

# node-gyp's --nodedir wants a tree holding common.gypi plus the headers:
# NodeSource and Debian's libnode-dev put them in /usr/include/node (so the
# dir is /usr); Debian's nodejs package alone has /usr/include/nodejs.
# The prefix of the running node comes first, so headers and binary match.
prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
nodedir=""
for candidate in "${NODE_HEADERS_DIR:-}" "$prefix" /usr /usr/local /usr/include/nodejs; do
    [ -n "$candidate" ] || continue
    if [ -f "$candidate/include/node/common.gypi" ] || [ -f "$candidate/common.gypi" ]; then
        nodedir=$candidate
        break
    fi
done
if [ -z "$nodedir" ]; then
    echo "install.sh: no Node headers (apt-get install libnode-dev, or set NODE_HEADERS_DIR)" >&2
    exit 1
fi

# Skip the install when node_modules was built from this very lock file by
# this very node and the modules load.
stamp="$(sha256sum package.json package-lock.json | sha256sum | cut -c1-64) $(node -v)"
loads='require("sqlite3"); require("pg"); require("mysql2"); require("sequelize")'
if [ -f node_modules/.bench-stamp ] && [ "$(cat node_modules/.bench-stamp)" = "$stamp" ] &&
    node -e "$loads" 2>/dev/null; then
    exit 0
fi

export npm_config_build_from_source=true
export npm_config_nodedir=$nodedir
export npm_config_jobs=2
npm ci --no-audit --no-fund
# npm versions that hold back dependency install scripts leave sqlite3
# unbuilt; build it explicitly then.
if ! node -e 'require("sqlite3")' 2>/dev/null; then
    npm rebuild sqlite3 --no-audit --no-fund
fi
node -e "$loads"
echo "$stamp" >node_modules/.bench-stamp
