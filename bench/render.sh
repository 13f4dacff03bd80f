#!/usr/bin/env bash
# Render speed, side by side in one run: TopDown (all 48 track stems, 6 bus stems and the master, 24-bit,
# -Xmx512m) against ardour7-export (master only, 24-bit) on the 48-track, 5-minute, 6-bus session that
# ../shared/tools/ardour-ref/make_big_session.sh builds. Usage: bench/render.sh SCRATCH (default /tmp/big)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="$here/../shared"; [ -d "$shared" ] || shared=/work/shared
big="${1:-/tmp/big}"
[ -f "$big/session/session.ardour" ] || bash "$shared/tools/ardour-ref/make_big_session.sh" "$big"
jar="$here/target/topdown.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
echo "TopDown:"
/usr/bin/time -v java -Xmx512m --add-modules jdk.incubator.vector -jar "$jar" bench render "$big/session/session.ardour" --runs 3 2> "$big/td.time" | sed 's/^/  /'
grep -E "Elapsed|Maximum resident" "$big/td.time" | sed 's/^\s*/  process: /'
echo "  the disk's floor for the 55 stems (4.75 GB), dd with fsync:"
dd if=/dev/zero of="$big/dd.tmp" bs=1M count=4530 conv=fsync 2>&1 | tail -1 | sed 's/^/    /'
rm -f "$big/dd.tmp"; sync; sleep 5
java -Xmx512m --add-modules jdk.incubator.vector -jar "$jar" bench render "$big/session/session.ardour" --runs 5 --stems master | sed 's/^/  master only: /'
echo "  master only, one-shot 'topdown render' (JVM start, session parse, JIT warm-up included), 3 runs:"
for i in 1 2 3; do
  rm -rf "$big/one-shot"
  /usr/bin/time -f "    run $i: %e s wall, %M KB max RSS" java -Xmx512m --add-modules jdk.incubator.vector -jar "$jar" \
    render "$big/session/session.ardour" --stems master --out "$big/one-shot" 2>&1 >/dev/null | grep -E "^ +run"
done
echo "reading the 2 GB of sources (page cache), cat > /dev/null:"
for i in 1 2 3; do
  s=$(date +%s.%N); cat "$big"/audio/*.wav > /dev/null; e=$(date +%s.%N); echo "  run $i: $(echo "$e - $s" | bc) s"
done
echo "ardour7-export:"
for i in 1 2 3; do
  /usr/bin/time -v ardour7-export -b 24 -o "$big/ardour-master.wav" "$big/session" session > /dev/null 2> "$big/ar.time" || true
  grep -E "Elapsed|Maximum resident" "$big/ar.time" | sed 's/^\s*/  run '$i': /'
done
