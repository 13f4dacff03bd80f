#!/usr/bin/env bash
# Loudness speed, side by side in one run: TopDown vs ffmpeg's ebur128 filter (peak=true) vs loudgain
# (libebur128). Makes a 5-minute stereo 48 kHz 24-bit file from the shared reference master and a batch
# of 48 such stems (different slices), then times each tool. Usage: bench/loudness.sh [SCRATCH]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-/tmp/topdown-bench-loudness}"
shared="$here/../shared"; [ -d "$shared" ] || shared=/work/shared
mkdir -p "$scratch/batch"
ref="$shared/multitrack/reference_master/pop120_loud_master.wav"
one="$scratch/five-minutes.wav"
[ -f "$one" ] || sox "$ref" -b 24 "$one" repeat 14 trim 0 300
for i in $(seq 1 48); do
  f="$scratch/batch/stem$i.wav"
  [ -f "$f" ] || sox "$one" -b 24 "$f" trim $((i % 7)) 293 gain -$((i % 5))
done
jar="$here/target/topdown.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "one 5-minute file:"
echo "  topdown loudness (whole process): $(t java --add-modules jdk.incubator.vector -jar "$jar" loudness "$one") s"
java --add-modules jdk.incubator.vector -jar "$jar" bench loudness "$one" --runs 3 | sed 's/^/  topdown in-process: /'
java --add-modules jdk.incubator.vector -jar "$jar" bench loudness "$one" --runs 3 --one-thread | sed 's/^/  topdown in-process: /'
for i in 1 2 3; do
  echo "  ffmpeg ebur128=peak=true (run $i): $(t ffmpeg -nostats -hide_banner -i "$one" -af ebur128=peak=true -f null -) s"
done
echo "  loudgain: $(t loudgain -q "$one") s"
echo "batch of 48 five-minute stems:"
echo "  topdown loudness (one process, parallel): $(t java --add-modules jdk.incubator.vector -jar "$jar" loudness "$scratch"/batch/*.wav --json) s"
s=$(date +%s.%N); for f in "$scratch"/batch/*.wav; do ffmpeg -nostats -hide_banner -i "$f" -af ebur128=peak=true -f null - > /dev/null 2>&1; done; e=$(date +%s.%N)
echo "  ffmpeg ebur128 (one process per file): $(echo "$e - $s" | bc) s"
echo "  loudgain (all files, one process): $(t loudgain -q "$scratch"/batch/*.wav) s"
