#!/usr/bin/env bash
# `docker import` of the same ~200 MB root filesystem tar, Berth against Docker, interleaved.
#
#   bench/import.sh                 # 10 runs each
#   RUNS=20 bench/import.sh
#
# Needs root and a running Berth (./berth up). It starts Debian's dockerd itself if none answers
# on /var/run/docker.sock (and stops it at the end; the iptables FORWARD policy is put back).
# The tar (10,000 files of 4 KiB plus three of 50 MiB, random bytes) is made once under
# bench/target/import/. Each run imports it through the docker CLI into one engine, then the other
# (the order alternates), and removes the image again so that every run starts from the same state.
# Both engines do the same work: receive the tar, store it, unpack it (Berth unpacks the layer
# into its snapshot before it answers, as Docker does into overlay2), record the image.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/target/import"
RUNS="${RUNS:-10}"
BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
DOCKER_SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"
DOCKERD_LOG=/tmp/berth-bench-dockerd.log
STARTED_DOCKERD_PID=""

log() { echo "[import] $*" >&2; }
docker_ping() { curl -s -m 3 --unix-socket "$DOCKER_SOCK" http://docker/_ping 2>/dev/null | grep -qx OK; }
cleanup() {
  if [ -n "$STARTED_DOCKERD_PID" ] && kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null; then
    kill -TERM "$STARTED_DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
  fi
}
trap cleanup EXIT

DOCKER_HOST="$BERTH_HOST" docker version >/dev/null 2>&1 || { log "Berth does not answer on $BERTH_HOST; start it with ./berth up"; exit 1; }
if ! docker_ping; then
  command -v dockerd >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null; }
  forward_policy="$(iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3; exit}')"
  dockerd >"$DOCKERD_LOG" 2>&1 &
  STARTED_DOCKERD_PID=$!
  for _ in $(seq 1 60); do docker_ping && break; sleep 0.5; done
  docker_ping || { log "dockerd did not start; see $DOCKERD_LOG"; exit 1; }
  iptables -P FORWARD "${forward_policy:-ACCEPT}" 2>/dev/null || true
fi

mkdir -p "$OUT"
TAR="$OUT/rootfs.tar"
if [ ! -s "$TAR" ]; then
  log "making the root filesystem (10,000 x 4 KiB + 3 x 50 MiB)"
  rm -rf "$OUT/rootfs" && mkdir -p "$OUT/rootfs/small" "$OUT/rootfs/large"
  head -c $((10000 * 4096)) /dev/urandom >"$OUT/small.bin"
  (cd "$OUT/rootfs/small" && split -b 4096 -a 5 -d "$OUT/small.bin" f)
  rm "$OUT/small.bin"
  for i in 1 2 3; do head -c $((50 * 1024 * 1024)) /dev/urandom >"$OUT/rootfs/large/big$i"; done
  tar -C "$OUT/rootfs" -cf "$TAR" .
fi
SIZE_MB=$(( $(stat -c %s "$TAR") / 1024 / 1024 ))

now_ms() { date +%s%3N; }
import_once() { # host tag -> ms
  local host="$1" tag="$2" start end
  start=$(now_ms)
  DOCKER_HOST="$host" docker import "$TAR" "$tag" >/dev/null
  end=$(now_ms)
  DOCKER_HOST="$host" docker rmi "$tag" >/dev/null
  echo $((end - start))
}

echo "== docker import of a ${SIZE_MB} MB tar, $RUNS runs each, interleaved =="
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); cpus: $(nproc); kernel: $(uname -r)"
echo "docker: $(docker -H "unix://$DOCKER_SOCK" version --format '{{.Server.Version}}')"
import_once "$BERTH_HOST" bench/warmup:1 >/dev/null
import_once "unix://$DOCKER_SOCK" bench/warmup:1 >/dev/null
berth=(); dock=()
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) -eq 1 ]; then
    berth+=("$(import_once "$BERTH_HOST" "bench/import:$i")")
    dock+=("$(import_once "unix://$DOCKER_SOCK" "bench/import:$i")")
  else
    dock+=("$(import_once "unix://$DOCKER_SOCK" "bench/import:$i")")
    berth+=("$(import_once "$BERTH_HOST" "bench/import:$i")")
  fi
  echo "run $i: berth ${berth[-1]} ms, docker ${dock[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mb=$(median "${berth[@]}"); md=$(median "${dock[@]}")
echo "median: berth $mb ms, docker $md ms"
awk -v b="$mb" -v d="$md" 'BEGIN { printf "ratio berth/docker: %.2f (target <= 1.00)\n", b / d }'
