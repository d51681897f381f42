#!/usr/bin/env bash
# Makes a dynamic AppCDS archive (JDK 13+, so Java 17 too) for the server: a training run on a scratch data
# directory for SECONDS, plain or with --demo, stopped with SIGTERM; the JVM writes the archive of every class
# it loaded (lambdas included) as it exits. The Java 17 counterpart of aot-cache.sh (docs/benchmarks.md
# §Restart, again).
#   src/test/scripts/cds-archive.sh JAVA JAR ARCHIVE [SECONDS] [JVM flags…] [-- server args…]
#   then: JAVA -XX:SharedArchiveFile=ARCHIVE [the same JVM flags…] -jar JAR …
# The archive belongs to that JVM build and that jar: with another, the JVM warns and starts without it
# (-Xshare:on makes it refuse to start instead).
set -euo pipefail
java=$1 jar=$2 archive=$3 seconds=${4:-20}
shift $(( $# < 4 ? $# : 4 ))
flags=() args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do flags+=("$1"); shift; done
[ $# -gt 0 ] && shift && args=("$@")
data=$(mktemp -d /tmp/livedesk-cds.XXXXXX)
LIVEDESK_DATA_DIR=$data LIVEDESK_PORT=0 "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" \
    "${args[@]}" >"$data.out" 2>&1 &
pid=$!
sleep "$seconds"
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || { cat "$data.out" >&2; exit 1; }
rm -rf "$data" "$data.out"
ls -l "$archive"
