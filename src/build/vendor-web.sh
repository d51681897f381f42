#!/usr/bin/env bash
# Puts the pages' third-party browser modules under web/vendor/ from web/node_modules (npm, lockfile
# pinned), so the pages load them from this server, never from a CDN. web/vendor/ is not committed: the
# build makes it, the jar packs it, and a server run from the repository root serves it from disk.
set -euo pipefail
cd "$(dirname "$0")/../../web"

installed=node_modules/.package-lock.json
if [[ ! -f "$installed" || package-lock.json -nt "$installed" || ! -f node_modules/echarts/dist/echarts.esm.min.js ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p vendor
copy() {
  cmp -s "$1" "$2" || cp "$1" "$2"
}
copy node_modules/echarts/dist/echarts.esm.min.js vendor/echarts.esm.min.js
copy node_modules/echarts/LICENSE vendor/echarts.LICENSE.txt
