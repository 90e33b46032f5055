#!/usr/bin/env bash
# `docker build` (classic builder) of the same Dockerfile and context, Berth against Docker,
# interleaved: a cold build (--no-cache) and a cached rebuild, each timed through the docker CLI.
#
#   bench/build.sh                 # 5 runs each
#   RUNS=3 bench/build.sh
#
# Needs root and a running Berth (./berth up). It starts Debian's dockerd itself (its own socket,
# --bridge=none --iptables=false, see lib-docker-peer.sh) and builds with --network none on both.
# The context (made once under bench/target/build/) holds 10,000 small files; the Dockerfile has
# seven steps: FROM, ENV, two RUNs, a COPY of the 10,000 files, WORKDIR and CMD. Both engines start
# from the same busybox image, imported into each.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/target/build"
RUNS="${RUNS:-5}"
BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
DOCKER_HOST_PEER="${DOCKER_HOST_PEER:-unix:///run/bench-docker.sock}"
export DOCKER_BUILDKIT=0

. "$ROOT/bench/lib-docker-peer.sh"
trap bench_dockerd_stop_all EXIT
log() { echo "[build] $*" >&2; }

bench_ensure_packages
DOCKER_HOST="$BERTH_HOST" docker version >/dev/null 2>&1 || { log "Berth does not answer on $BERTH_HOST; start it with ./berth up"; exit 1; }
bench_dockerd_start "$DOCKER_HOST_PEER"

mkdir -p "$OUT"
CTX="$OUT/context"
if [ ! -f "$CTX/Dockerfile" ]; then
  log "making the context (10,000 files of 100 bytes)"
  rm -rf "$CTX" && mkdir -p "$CTX/files"
  head -c $((10000 * 100)) /dev/urandom >"$OUT/small.bin"
  (cd "$CTX/files" && split -b 100 -a 5 -d "$OUT/small.bin" f)
  rm "$OUT/small.bin"
  cat >"$CTX/Dockerfile" <<'DOCKERFILE'
FROM busybox:latest
ENV APP=/app
RUN mkdir -p /app/state && echo prepared > /app/state/ready
COPY files/ /app/files/
RUN ls /app/files | wc -l > /app/state/count && du -s /app/files > /app/state/size
WORKDIR /app
CMD ["cat", "/app/state/count"]
DOCKERFILE
fi
CTX10="$OUT/context-10"
if [ ! -f "$CTX10/Dockerfile" ]; then
  rm -rf "$CTX10" && mkdir -p "$CTX10"
  for i in 1 2 3; do echo "file $i" >"$CTX10/f$i.txt"; done
  cat >"$CTX10/Dockerfile" <<'DOCKERFILE'
FROM busybox:latest
ARG VERSION=1
ENV APP=/app VERSION=$VERSION
WORKDIR /app
RUN echo one > one.txt && sleep 0.2
COPY f1.txt f2.txt f3.txt ./
RUN cat f1.txt f2.txt f3.txt > all.txt && sleep 0.2
LABEL org.example.step=8
RUN wc -l all.txt > count.txt && sleep 0.2
CMD ["cat", "/app/count.txt"]
DOCKERFILE
fi
TAR="$(bench_busybox_tar "$OUT")"
for host in "$BERTH_HOST" "$DOCKER_HOST_PEER"; do
  DOCKER_HOST="$host" docker import -c 'CMD ["sh"]' "$TAR" busybox:latest >/dev/null
done

now_ms() { date +%s%3N; }
build_once() { # host tag [--no-cache] -> ms
  local host="$1" tag="$2" start end
  shift 2
  start=$(now_ms)
  # The CLI's DEPRECATED notice for the classic builder goes to stderr: shown only on failure.
  DOCKER_HOST="$host" docker build -q --network none "$@" -t "$tag" "${BUILD_CTX:-$CTX}" >/dev/null 2>"$OUT/stderr" ||
    { cat "$OUT/stderr" >&2; return 1; }
  end=$(now_ms)
  echo $((end - start))
}

echo "== docker build (classic builder) of a 7-step Dockerfile with a COPY of 10,000 files, $RUNS runs each, interleaved =="
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); cpus: $(nproc); kernel: $(uname -r)"
echo "docker: $(docker -H "$DOCKER_HOST_PEER" version --format '{{.Server.Version}}')"
build_once "$BERTH_HOST" bench/warmup:1 --no-cache >/dev/null
build_once "$DOCKER_HOST_PEER" bench/warmup:1 --no-cache >/dev/null
cold_b=(); cold_d=(); warm_b=(); warm_d=()
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) -eq 1 ]; then order=("$BERTH_HOST" "$DOCKER_HOST_PEER"); else order=("$DOCKER_HOST_PEER" "$BERTH_HOST"); fi
  for host in "${order[@]}"; do
    cold=$(build_once "$host" "bench/build:$i" --no-cache)
    warm=$(build_once "$host" "bench/build:$i")
    if [ "$host" = "$BERTH_HOST" ]; then cold_b+=("$cold"); warm_b+=("$warm"); else cold_d+=("$cold"); warm_d+=("$warm"); fi
  done
  echo "run $i: cold berth ${cold_b[-1]} ms, docker ${cold_d[-1]} ms; cached berth ${warm_b[-1]} ms, docker ${warm_d[-1]} ms"
done
# The cache target: an unchanged rebuild of a 10-step Dockerfile (3 RUNs, a COPY) against its
# cold build, per engine.
ten_b=(); ten_bc=(); ten_d=(); ten_dc=()
for i in $(seq 1 "$RUNS"); do
  ten_b+=("$(BUILD_CTX="$CTX10" build_once "$BERTH_HOST" "bench/ten:$i" --no-cache)")
  ten_bc+=("$(BUILD_CTX="$CTX10" build_once "$BERTH_HOST" "bench/ten:$i")")
  ten_d+=("$(BUILD_CTX="$CTX10" build_once "$DOCKER_HOST_PEER" "bench/ten:$i" --no-cache)")
  ten_dc+=("$(BUILD_CTX="$CTX10" build_once "$DOCKER_HOST_PEER" "bench/ten:$i")")
  echo "10 steps, run $i: berth cold ${ten_b[-1]} ms, cached ${ten_bc[-1]} ms; docker cold ${ten_d[-1]} ms, cached ${ten_dc[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
cb=$(median "${cold_b[@]}"); cd=$(median "${cold_d[@]}"); wb=$(median "${warm_b[@]}"); wd=$(median "${warm_d[@]}")
echo "median cold:   berth $cb ms, docker $cd ms"
echo "median cached: berth $wb ms, docker $wd ms"
awk -v b="$cb" -v d="$cd" 'BEGIN { printf "ratio cold berth/docker:   %.2f (target <= 1.00)\n", b / d }'
awk -v b="$wb" -v d="$wd" 'BEGIN { printf "ratio cached berth/docker: %.2f (target <= 1.00)\n", b / d }'
awk -v w="$wb" -v c="$cb" 'BEGIN { printf "berth cached/cold, 10,000-file COPY: %.2f\n", w / c }'
tb=$(median "${ten_b[@]}"); tbc=$(median "${ten_bc[@]}"); td=$(median "${ten_d[@]}"); tdc=$(median "${ten_dc[@]}")
echo "10-step Dockerfile: berth cold $tb ms, cached $tbc ms; docker cold $td ms, cached $tdc ms"
awk -v w="$tbc" -v c="$tb" 'BEGIN { printf "berth cached/cold, 10 steps: %.3f (target <= 0.100)\n", w / c }'
awk -v w="$tdc" -v c="$td" 'BEGIN { printf "docker cached/cold, 10 steps: %.3f\n", w / c }'
