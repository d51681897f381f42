#!/usr/bin/env bash
# Makes an AOT cache (JDK 25, JEP 483/514) for the server: a training run of the demo show on a scratch
# data directory for SECONDS, stopped with SIGTERM; the JVM writes the cache as it exits.
#   src/test/scripts/aot-cache.sh JAVA JAR CACHE [SECONDS] [JVM flags…]
#   then: JAVA -XX:AOTCache=CACHE [the same JVM flags…] -jar JAR …
# The cache belongs to that JVM build, that jar and flags such as -XX:+UseCompactObjectHeaders: run with
# a cache made otherwise, the JVM warns and starts without it (docs/operations.md).
set -euo pipefail
java=$1 jar=$2 cache=$3 seconds=${4:-30}
shift $(( $# < 4 ? $# : 4 ))
data=$(mktemp -d /tmp/livedesk-aot.XXXXXX)
LIVEDESK_DATA_DIR=$data LIVEDESK_PORT=0 "$java" "$@" -XX:AOTCacheOutput="$cache" -jar "$jar" --demo \
    >"$data.out" 2>&1 &
pid=$!
sleep "$seconds"
kill -TERM "$pid"
wait "$pid" || true
grep -q 'AOTCache creation is complete' "$data.out" || { cat "$data.out" >&2; exit 1; }
rm -rf "$data" "$data.out"
ls -l "$cache"
