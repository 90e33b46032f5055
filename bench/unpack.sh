#!/usr/bin/env bash
# Layer unpack throughput: Berth's LayerUnpacker vs GNU tar, on the same .tar.gz and .tar.zst.
#
#   bench/unpack.sh                 ROUNDS=5 by default;  e.g.  ROUNDS=9 bench/unpack.sh
#   OUT_DIR=/dev/shm/berth-unpack bench/unpack.sh     extract into tmpfs instead (no disk noise)
#
# What it does:
#  1. installs Debian's zstd if it is missing (GNU tar's --zstd runs it);
#  2. builds layer-service (mvn -o package, tests skipped) unless its classes and classpath.txt exist;
#  3. generates a ~200 MB tree once (10,000 text-like files of 1-17 KB in 100 directories, plus four
#     28 MB files, a third of each random bytes), tars it with GNU tar, and compresses it with
#     gzip -6 and zstd -3 (bench/target/unpack/, reused by later runs);
#  4. runs bench/UnpackBench.java: decompression alone (java.util.zip vs commons-compress vs zstd-jni),
#     two warm-up unpacks, then ROUNDS rounds, each timing berth gzip, tar -xzf, berth zstd,
#     tar --zstd -xf in turn into a fresh directory (sync before each, not timed); prints medians,
#     MB/s of uncompressed tar per second, and the Berth/tar throughput ratio (target >= 0.8).
# Run it as root so both keep owners (GNU tar does as root, and Berth's default preserveOwners).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/target/unpack"
ROUNDS="${ROUNDS:-5}"
OUT_DIR="${OUT_DIR:-$WORK/out}"
MODULE="$ROOT/layer-service"

log() { echo "[unpack] $*" >&2; }

if ! command -v zstd >/dev/null 2>&1; then
  log "installing Debian's zstd"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q zstd >/dev/null
fi

if [ ! -f "$MODULE/target/classpath.txt" ] || [ ! -d "$MODULE/target/classes/io/berth/layer/tar" ]; then
  log "building layer-service (mvn package, tests skipped)"
  (cd "$ROOT" && mvn -B -q -o -pl layer-service -am package -DskipTests)
fi
CP="$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")"

mkdir -p "$WORK"
if [ ! -f "$WORK/layer.tar.zst" ]; then
  log "generating the source tree and its layer tar"
  rm -rf "$WORK/src" && mkdir -p "$WORK/src"
  java -cp "$CP" "$ROOT/bench/UnpackBench.java" generate "$WORK/src"
  tar -C "$WORK/src" --sort=name --owner=0 --group=0 --numeric-owner -cf "$WORK/layer.tar" .
  gzip -6 -c "$WORK/layer.tar" >"$WORK/layer.tar.gz.tmp" && mv "$WORK/layer.tar.gz.tmp" "$WORK/layer.tar.gz"
  zstd -q -3 -f "$WORK/layer.tar" -o "$WORK/layer.tar.zst"
  rm -rf "$WORK/src"
fi

log "host: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), $(tar --version | head -1)"
# Other work on the machine skews both sides alike (rounds interleave), but say how busy it was.
log "extracting into $OUT_DIR ($(df -T "$(dirname "$OUT_DIR")" | awk 'NR==2{print $2}'))"
log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$CP" "$ROOT/bench/UnpackBench.java" run "$WORK" "$ROUNDS" "$OUT_DIR"
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT_DIR"
