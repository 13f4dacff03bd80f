#!/usr/bin/env bash
# Mix speed: `topdown mix` (the whole top-down run: every render, analysis and write) on the 48-track,
# 5-minute, 6-bus session that ../shared/tools/ardour-ref/make_big_session.sh builds, with -Xmx512m.
# Usage: bench/mix.sh SCRATCH (default /tmp/big)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="$here/../shared"; [ -d "$shared" ] || shared=/work/shared
big="${1:-/tmp/big}"
[ -f "$big/session/session.ardour" ] || bash "$shared/tools/ardour-ref/make_big_session.sh" "$big"
jar="$here/target/topdown.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
rm -rf "$big/mixed"
/usr/bin/time -v java -Xmx512m --add-modules jdk.incubator.vector -Xlog:gc:file="$big/mix-gc.log" -jar "$jar" mix "$big/session/session.ardour" \
  --reference "$shared/multitrack/reference_master/pop120_loud_master.wav" --target spotify --out "$big/mixed" \
  2> "$big/mix.time" | tail -3
grep -E "Elapsed|Maximum resident" "$big/mix.time"
grep -c "^render" "$big/mix.time" | sed 's/^/renders (progress lines): /'
# peak heap after GC, from the GC log (MiB)
grep -oE '[0-9]+M->[0-9]+M' "$big/mix-gc.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1 | sed 's/^/peak heap after GC (MiB): /'
