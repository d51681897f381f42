#!/usr/bin/env bash
# Makes sure what the tests use for real is there: PostgreSQL and Redis answering on loopback, and a
# Chromium for the browser tests, LibreOffice for the .xlsx round-trips. Idempotent and quick when everything already runs.
set -euo pipefail

log() { echo "[prepare-test-env] $*"; }

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "PostgreSQL is not answering; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "Redis is not answering; starting it"
  mkdir -p /var/lib/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping

if ! command -v chromium >/dev/null 2>&1; then
  log "Chromium is missing; installing Debian's package for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
dpkg-query -W -f='${Package} ${Version}\n' chromium

# an Office program other than ours reads the server's .xlsx exports back (http/LibreOffice)
if ! command -v soffice >/dev/null 2>&1; then
  log "LibreOffice is missing; installing Debian's headless Calc for the .xlsx round-trip tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi
soffice --version
