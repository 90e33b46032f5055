#!/usr/bin/env bash
# Issue 7's start benchmark: `docker run --rm busybox true` on the default bridge network, Berth
# against Debian's Docker with its own default bridge (docker0, iptables on), interleaved, timed
# with bench/timer.py. Prints the medians and Berth's median over Docker's (target <= 0.6).
#
#   ./berth up && bench/bridge-run.sh
#   RUNS=40 bench/bridge-run.sh
#
# Settings: BERTH_HOST (tcp://127.0.0.1:2375), RUNS (30), WARMUP (3), CMD_TIMEOUT (60 s).
# Unlike the other benchmarks, the peer dockerd here runs with its bridge and iptables, as a Docker
# user's does: it makes docker0 and its DOCKER chains and sets the FORWARD policy to DROP. The
# script saves the host's iptables rules and FORWARD policy first and puts them back afterwards,
# and deletes docker0, so the host is left as it was.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target/bridge-run"
BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
PEER="unix:///run/bench-bridge-docker.sock"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
CMD_TIMEOUT="${CMD_TIMEOUT:-60}"
IMAGE="busybox:bench"
PY="$(command -v /usr/bin/python3 || command -v python3)"
# shellcheck source=bench/lib-docker-peer.sh
. "$BENCH/lib-docker-peer.sh"

bench_ensure_packages
mkdir -p "$OUT"
bench_docker_ok "$BERTH_HOST" || { bench_log "nothing answers on $BERTH_HOST: ./berth up first"; exit 1; }

iptables-save >"$OUT/iptables.before"
name=bench-bridge-docker
dockerd_pid=""
cleanup() {
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    kill -TERM "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$dockerd_pid" 2>/dev/null || true
  fi
  ip link del docker0 2>/dev/null || true
  iptables-restore <"$OUT/iptables.before" || true
  # Say so if the host's rules are not what they were (a dockerd still going adds them back).
  if ! diff -q <(iptables-save | grep -v '^#' | sed 's/\[[0-9:]*\]//') \
    <(grep -v '^#' "$OUT/iptables.before" | sed 's/\[[0-9:]*\]//') >/dev/null; then
    bench_log "the host's iptables rules differ from before the run; compare iptables-save with $OUT/iptables.before"
  fi
}
trap cleanup EXIT

rm -f "/run/$name.sock"
mkdir -p "/var/lib/$name"
bench_log "starting dockerd with its default bridge on $PEER (log /tmp/$name.log)"
dockerd --host="$PEER" --data-root="/var/lib/$name" --exec-root="/run/$name" \
  --pidfile="/run/$name.pid" >"/tmp/$name.log" 2>&1 &
dockerd_pid=$!
for _ in $(seq 1 120); do bench_docker_ok "$PEER" && break; sleep 0.5; done
bench_docker_ok "$PEER" || { bench_log "dockerd did not answer; see /tmp/$name.log"; exit 1; }

tar="$(bench_busybox_tar "$OUT")"
for host in "$BERTH_HOST" "$PEER"; do docker -H "$host" import "$tar" "$IMAGE" >/dev/null; done

one() { # host -> "<ms> <rc>"
  "$PY" "$BENCH/timer.py" "$CMD_TIMEOUT" docker -H "$1" run --rm "$IMAGE" true
}
for host in "$BERTH_HOST" "$PEER"; do
  for _ in $(seq "$WARMUP"); do one "$host" >/dev/null; done
done
: >"$OUT/berth.txt"
: >"$OUT/docker.txt"
bench_log "timing $RUNS runs each, interleaved, on the default bridge of each engine"
for i in $(seq "$RUNS"); do
  for engine in berth docker; do
    host="$BERTH_HOST"
    [ "$engine" = docker ] && host="$PEER"
    read -r ms rc < <(one "$host")
    [ "$rc" = 0 ] || { bench_log "run $i on $engine failed with exit code $rc"; exit 1; }
    echo "$ms" >>"$OUT/$engine.txt"
  done
done
berth_ip="$(docker -H "$BERTH_HOST" run --rm "$IMAGE" sh -c 'ip -4 -o addr show eth0' | awk '{print $4}')"
docker_ip="$(docker -H "$PEER" run --rm "$IMAGE" sh -c 'ip -4 -o addr show eth0' | awk '{print $4}')"

echo "== docker run --rm busybox true on the default bridge, $RUNS runs each, interleaved =="
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "docker: $(docker -H "$PEER" version --format '{{.Server.Version}}'); eth0: berth $berth_ip, docker $docker_ip"
"$PY" - "$OUT" <<'PY'
import statistics, sys
out = sys.argv[1]
s = {e: sorted(float(l) for l in open(f"{out}/{e}.txt")) for e in ("berth", "docker")}
for e, v in s.items():
    p90 = v[min(len(v) - 1, int(0.9 * len(v)))]
    print(f"{e:<7} median {statistics.median(v):7.1f} ms  p90 {p90:7.1f} ms  (n={len(v)})")
ratio = statistics.median(s["berth"]) / statistics.median(s["docker"])
print(f"ratio berth/docker (medians): {ratio:.2f} (target <= 0.60)")
PY
