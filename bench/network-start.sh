#!/usr/bin/env bash
# What networking adds to a container start on Berth: `docker run --rm busybox true` with
# `--network none` (a network namespace with lo only), with the default bridge (a veth pair, an
# address, a route: two short `ip` processes) and with a published port (one iptables-restore more
# on start and on stop), interleaved, timed with bench/timer.py.
#
#   bench/network-start.sh                      # Berth on tcp://127.0.0.1:2375 (start it with ./berth up)
#   RUNS=40 BERTH_HOST=tcp://127.0.0.1:24375 bench/network-start.sh
#
# Settings: BERTH_HOST, IMAGE (busybox:bench), RUNS (30), WARMUP (3), CMD_TIMEOUT (60 s).
# Output: medians and 90th percentiles per variant and the difference of each median to `none`;
# raw samples under bench/target/network/. Needs root (for busybox-static, as bench/run.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target/network"
# shellcheck source=bench/lib-docker-peer.sh
. "$BENCH/lib-docker-peer.sh"

BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
IMAGE="${IMAGE:-busybox:bench}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
CMD_TIMEOUT="${CMD_TIMEOUT:-60}"
PY="$(command -v /usr/bin/python3 || command -v python3)"

bench_ensure_packages
mkdir -p "$OUT"
if ! bench_docker_ok "$BERTH_HOST"; then
  bench_log "nothing answers on $BERTH_HOST: start Berth first (./berth up)"
  exit 1
fi
tar="$(bench_busybox_tar "$OUT")"
docker -H "$BERTH_HOST" import "$tar" "$IMAGE" >/dev/null

declare -A ARGS=(
  [none]="--network none"
  [bridge]=""
  [published]="-p 127.0.0.1::80"
)
VARIANTS=(none bridge published)

one() { # variant -> "<ms> <rc>"
  # shellcheck disable=SC2086
  "$PY" "$BENCH/timer.py" "$CMD_TIMEOUT" docker -H "$BERTH_HOST" run --rm ${ARGS[$1]} "$IMAGE" true
}

for variant in "${VARIANTS[@]}"; do
  : >"$OUT/$variant.txt"
  for _ in $(seq "$WARMUP"); do one "$variant" >/dev/null; done
done
bench_log "timing $RUNS runs per variant, interleaved"
for i in $(seq "$RUNS"); do
  for variant in "${VARIANTS[@]}"; do
    read -r ms rc < <(one "$variant")
    if [ "$rc" != 0 ]; then
      bench_log "run $i ($variant) failed with exit code $rc"
      exit 1
    fi
    echo "$ms" >>"$OUT/$variant.txt"
  done
done

"$PY" - "$OUT" "${VARIANTS[@]}" <<'PY'
import statistics, sys
out, variants = sys.argv[1], sys.argv[2:]
samples = {v: sorted(float(l) for l in open(f"{out}/{v}.txt")) for v in variants}
base = statistics.median(samples["none"])
print(f"{'variant':<10} {'runs':>4} {'median ms':>10} {'p90 ms':>8} {'vs none':>8}")
for v in variants:
    s = samples[v]
    med = statistics.median(s)
    p90 = s[min(len(s) - 1, int(0.9 * len(s)))]
    print(f"{v:<10} {len(s):>4} {med:>10.1f} {p90:>8.1f} {med - base:>+8.1f}")
PY
