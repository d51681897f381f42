#!/usr/bin/env bash
# Milliseconds from process start to the server's "livedesk listening on" line, on a fresh data
# directory under /tmp, then a SIGTERM and a wait for its exit (docs/benchmarks.md §Runtime).
#   src/test/scripts/start-time.sh JAVA JAR [JVM flags…] [-- app args…]
#   src/test/scripts/start-time.sh /usr/lib/jvm/temurin-25-jdk-amd64/bin/java target/livedesk.jar \
#       -XX:AOTCache=/tmp/app.aot -- --demo
set -euo pipefail
java=$1 jar=$2
shift 2
flags=() args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do flags+=("$1"); shift; done
[ $# -gt 0 ] && shift
args=("$@")
data=$(mktemp -d /tmp/livedesk-start.XXXXXX)
out=$data.out
: >"$out"
start=$(date +%s%N)
LIVEDESK_DATA_DIR=$data LIVEDESK_PORT=0 "$java" "${flags[@]}" -jar "$jar" "${args[@]}" >"$out" 2>&1 &
pid=$!
until grep -q 'livedesk listening on' "$out"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "no listening line" >&2; cat "$out" >&2; exit 1; fi
  sleep 0.01
done
echo $(( ($(date +%s%N) - start) / 1000000 ))
kill -TERM "$pid"
wait "$pid" || true
rm -rf "$data" "$out"
