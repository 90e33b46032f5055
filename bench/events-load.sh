#!/usr/bin/env bash
# Event delivery under load, Berth vs Debian's Docker in one run: N create -> start -> die -> destroy
# cycles as fast as the engine goes, with 10 subscribers per engine, and what each subscriber saw.
#
#   bench/events-load.sh                           # Berth on tcp://127.0.0.1:2375 vs a dockerd of its own
#   N=100 WORKERS=2 bench/events-load.sh
#   WRITE_DOCS=0 bench/events-load.sh              # do not append the result to docs/benchmarks.md
#
# Needs root. Settings (environment):
#   BERTH_HOST   tcp://127.0.0.1:2375            Berth's gateway; started with `BERTH_STARTUP_TIMEOUT=400
#                                                ./berth up` if it does not answer
#   PEER_HOST    unix:///run/bench-docker.sock   Debian's docker.io (see bench/lib-docker-peer.sh)
#   IMAGE        busybox:bench                   the busybox rootfs tar imported into both
#   N=500 WORKERS=4                              cycles per engine, parallel workers
#   SLOW_MS=50                                   the slow subscribers sleep this long after each event
#   STALL_S=0                                    the slow subscribers also stop reading for this long once,
#                                                after their first event (set QUIET above it)
#   QUIET=15                                     seconds without a new event that end the wait
#   MAX_WAIT=600                                 seconds to wait at most for the subscribers after the cycles
#   WRITE_DOCS=1                                 append a section to docs/benchmarks.md
#
# Per engine, the subscribers start first and each writes a line per event: its receive time (wall
# clock ns, when the event's last line was read) and the event's time (Docker's timeNano; the SSE
# event's CloudEvents `time`). Berth: 5 `GET /events?filters={"type":["container"]}` (Docker's
# format) + 5 `GET /berth/v1/events?type=container` (SSE); Docker: 10 `GET /events` with the same
# filter. One Docker-format and (on Berth) one SSE subscriber sleep SLOW_MS after every event.
# A cycle is create (busybox `true`, network none) -> start -> wait -> delete through the Engine API
# (bench/events_load.py cycles, WORKERS threads). After the cycles the script waits until every
# subscriber has all 4*N events, its stream has been closed, or it has been quiet for QUIET s; then
# per subscriber and container: lost (an expected action missing), duplicated (an action seen more
# than once), out of order (create, start, die, destroy not in that order); and the delivery latency
# (receive time - event time) p50/p99/max over the subscribers that are not slow (the slow ones apart).
#
# Output: progress on stderr, results on stdout, raw files under bench/target/events-load/.
# Exit code 0 when everything was measured (whatever the figures), 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target/events-load"
# shellcheck source=bench/lib-docker-peer.sh
. "$BENCH/lib-docker-peer.sh"

BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
PEER_HOST="${PEER_HOST:-unix:///run/bench-docker.sock}"
IMAGE="${IMAGE:-busybox:bench}"
N="${N:-500}"
WORKERS="${WORKERS:-4}"
SLOW_MS="${SLOW_MS:-50}"
STALL_S="${STALL_S:-0}"
QUIET="${QUIET:-15}"
MAX_WAIT="${MAX_WAIT:-600}"
WRITE_DOCS="${WRITE_DOCS:-1}"
PY="$(command -v /usr/bin/python3 || command -v python3)"
HELPER="$BENCH/events_load.py"
SUB_PIDS=()

log() { echo "[events-load] $*" >&2; }
dk() { local host="$1"; shift; timeout -k 5 120 docker -H "$host" "$@"; }

stop_subscribers() {
  local pid
  for pid in "${SUB_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SUB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SUB_PIDS=()
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_subscribers
  bench_dockerd_stop_all
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || { log "run me as root"; exit 1; }
bench_ensure_packages
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl "$OUT"/*.ready "$OUT"/*.txt "$OUT"/*.json "$OUT"/*.log

if ! bench_docker_ok "$BERTH_HOST"; then
  log "Berth does not answer on $BERTH_HOST; starting it (BERTH_STARTUP_TIMEOUT=400 ./berth up)"
  (cd "$ROOT" && BERTH_STARTUP_TIMEOUT=400 ./berth up) >&2
  bench_docker_ok "$BERTH_HOST" || { log "Berth still does not answer on $BERTH_HOST"; exit 1; }
fi
bench_dockerd_start "$PEER_HOST"
TAR="$(bench_busybox_tar "$OUT")"
for host in "$PEER_HOST" "$BERTH_HOST"; do
  log "importing $(basename "$TAR") into $host as $IMAGE"
  dk "$host" import "$TAR" "$IMAGE" >/dev/null
done

# run_engine LABEL HOST "api api ..." -> $OUT/LABEL-*.jsonl, $OUT/LABEL-ids.txt, $OUT/LABEL-cycles.txt
run_engine() {
  local label="$1" host="$2" apis="$3" i=0 api slow name subs=() start elapsed total last_total quiet_since
  log "$label: starting $(wc -w <<<"$apis") subscribers"
  for api in $apis; do
    i=$((i + 1))
    slow=0
    stall=0
    name="$label-$api-$i"
    # the first subscriber of each API is the slow one
    if ! printf '%s\n' "${subs[@]:-}" | grep -q "^$label-$api-.*:slow$"; then
      slow="$SLOW_MS"
      stall="$STALL_S"
      subs+=("$name:slow")
    else
      subs+=("$name")
    fi
    "$PY" "$HELPER" subscribe --host "$host" --api "$api" --slow-ms "$slow" --stall-s "$stall" --out "$OUT/$name.jsonl" \
      2>>"$OUT/$label-subscribers.log" &
    SUB_PIDS+=("$!")
  done
  for _ in $(seq 1 100); do
    [ "$(ls "$OUT"/"$label"-*.ready 2>/dev/null | wc -l)" -ge "$i" ] && break
    sleep 0.1
  done
  [ "$(ls "$OUT"/"$label"-*.ready 2>/dev/null | wc -l)" -ge "$i" ] || { log "$label: not every subscriber connected (see $OUT/$label-subscribers.log)"; return 1; }
  sleep 1
  log "$label: $N cycles, $WORKERS workers"
  "$PY" "$HELPER" cycles --host "$host" --image "$IMAGE" --n "$N" --workers "$WORKERS" --out "$OUT/$label-ids.txt" \
    >"$OUT/$label-cycles.txt" 2>>"$OUT/$label-cycles.log"
  log "$label: cycles done in $(cut -d' ' -f1 "$OUT/$label-cycles.txt") s, $(cut -d' ' -f2 "$OUT/$label-cycles.txt") failed"
  local want=$((4 * $(wc -l <"$OUT/$label-ids.txt")))
  start=$(date +%s)
  last_total=-1
  quiet_since=$start
  while :; do
    local done_all=1 f n
    total=0
    for name in "${subs[@]}"; do
      f="$OUT/${name%:slow}.jsonl"
      n=$(grep -c '"recv"' "$f" 2>/dev/null || true)
      total=$((total + n))
      if [ "$n" -lt "$want" ] && ! grep -q '"eof"' "$f" 2>/dev/null; then done_all=0; fi
    done
    [ "$done_all" = 1 ] && break
    if [ "$total" != "$last_total" ]; then last_total=$total; quiet_since=$(date +%s); fi
    [ $(($(date +%s) - quiet_since)) -ge "$QUIET" ] && { log "$label: quiet for $QUIET s"; break; }
    [ $(($(date +%s) - start)) -ge "$MAX_WAIT" ] && { log "$label: gave up waiting after $MAX_WAIT s"; break; }
    sleep 1
  done
  elapsed=$(($(date +%s) - start))
  log "$label: subscribers done $elapsed s after the cycles"
  stop_subscribers
  local args=()
  for name in "${subs[@]}"; do
    if [[ "$name" == *:slow ]]; then args+=(--sub "${name%:slow}=$OUT/${name%:slow}.jsonl:slow"); else args+=(--sub "$name=$OUT/$name.jsonl"); fi
  done
  "$PY" "$HELPER" analyze --label "$label" --ids "$OUT/$label-ids.txt" "${args[@]}" >"$OUT/$label-result.json" \
    2> >(tee "$OUT/$label-anomalies.log" | head -40 >&2)
}

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
run_engine docker "$PEER_HOST" "docker docker docker docker docker docker docker docker docker docker"
run_engine berth "$BERTH_HOST" "docker docker docker docker docker sse sse sse sse sse"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
STATUS=0
for label in docker berth; do
  [ "$(cut -d' ' -f2 "$OUT/$label-cycles.txt")" = 0 ] || { log "$label: some cycles failed (see $OUT/$label-cycles.log)"; STATUS=1; }
done
for host in "$PEER_HOST" "$BERTH_HOST"; do dk "$host" rmi "$IMAGE" >/dev/null 2>&1 || true; done

peer_version="$(dk "$PEER_HOST" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
# The tree the running gateway was started from (its classpath), and that tree's commit now.
berth_tree="$ROOT"
gw_pid="$(ss -Hltnp "sport = :${BERTH_HOST##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
if [ -n "$gw_pid" ] && [ -r "/proc/$gw_pid/cmdline" ]; then
  gw_classes="$(tr '\0:' '\n\n' <"/proc/$gw_pid/cmdline" | grep -m1 '/gateway/target/classes$' || true)"
  [ -n "$gw_classes" ] && berth_tree="${gw_classes%/gateway/target/classes}"
fi
berth_commit="\`$(git -C "$berth_tree" rev-parse --short HEAD 2>/dev/null || echo '?')\` of $berth_tree (its HEAD now; the gateway process started $(ps -o lstart= -p "${gw_pid:-0}" 2>/dev/null | sed 's/^ *//' || echo '?'))"
CMDLINE="N=$N WORKERS=$WORKERS SLOW_MS=$SLOW_MS$([ "$STALL_S" = 0 ] || echo " STALL_S=$STALL_S") QUIET=$QUIET bench/events-load.sh"
DATE="$(date -u '+%Y-%m-%d, %H:%M UTC')"
"$PY" - "$OUT" "$CMDLINE" "$DATE" "$peer_version" "$berth_commit" "$N" "$WORKERS" "$SLOW_MS" "$LOAD_START" "$LOAD_END" >"$OUT/summary.md" <<'EOF'
import json, sys
out, cmd, date, peer_version, commit, n, workers, slow_ms, load_start, load_end = sys.argv[1:]
r = {k: json.load(open(f"{out}/{k}-result.json")) for k in ("docker", "berth")}
cyc = {k: open(f"{out}/{k}-cycles.txt").read().split() for k in ("docker", "berth")}
f = lambda v: "n/a" if v != v else f"{v:.1f}"
lines = [f"### Latest ({date}, Berth built from {commit}, Debian docker.io {peer_version})", "",
         f"Load average (1/5/15 min) {load_start} at the start, {load_end} at the end; {__import__('os').cpu_count()} cpus.", "",
         "| | Docker | Berth |", "| --- | --- | --- |",
         f"| cycles (create, start, wait, delete; {workers} workers) | {n} in {float(cyc['docker'][0]):.1f} s, {cyc['docker'][1]} failed | {n} in {float(cyc['berth'][0]):.1f} s, {cyc['berth'][1]} failed |",
         f"| events expected per subscriber | {4 * r['docker']['containers']} | {4 * r['berth']['containers']} |"]
for key, title in (("lost", "lost, all subscribers"), ("duplicated", "duplicated, all subscribers"), ("out_of_order", "containers out of order, all subscribers")):
    lines.append(f"| {title} | {r['docker'][key]} | {r['berth'][key]} |")
for k in ("latency_ms", "latency_slow_ms"):
    what = "delivery latency, ms, p50 / p99 / max (" + ("the 8-9 subscribers that are not slow" if k == "latency_ms" else f"the slow subscribers, {slow_ms} ms per event") + ")"
    lines.append(f"| {what} | " + " | ".join(f"{f(r[e][k]['p50'])} / {f(r[e][k]['p99'])} / {f(r[e][k]['max'])} (n={r[e][k]['n']})" for e in ("docker", "berth")) + " |")
pd, pb = r["docker"]["latency_ms"]["p99"], r["berth"]["latency_ms"]["p99"]
ratio = pb / pd if pd == pd and pd > 0 else float("nan")
lines.append(f"| p99 Berth / p99 Docker | | {ratio:.2f} |")
lines += ["", "Per subscriber (events received / lost / duplicated / out of order; `slow` sleeps "
          f"{slow_ms} ms per event; `closed` = the server ended the stream):", "",
          "| subscriber | received | lost | dup | out of order | closed by the server |", "| --- | --- | --- | --- | --- | --- |"]
for e in ("docker", "berth"):
    for s in r[e]["subscribers"]:
        lines.append(f"| {s['name']}{' (slow)' if s['slow'] else ''} | {s['events']} | {s['lost']} ({s['lost_containers']} containers) | {s['duplicated']} | {s['out_of_order']} | {'yes' if s['stream_closed'] else 'no'} |")
verdict = "yes" if r["berth"]["lost"] == 0 and r["berth"]["duplicated"] == 0 and r["berth"]["out_of_order"] == 0 else "**no**"
lat_ok = "yes" if ratio == ratio and ratio <= 1.0 else "**no**"
lines += ["", f"Targets: Berth loses, duplicates and reorders no event: {verdict}; Berth's p99 no worse than Docker's: {lat_ok} (ratio {ratio:.2f})."]
print("\n".join(lines))
EOF
echo "== Event delivery under load: Berth vs Docker =="
echo "command: $CMDLINE"
cat "$OUT/summary.md"

if [ "$WRITE_DOCS" = 1 ]; then
  DOC="$ROOT/docs/benchmarks.md"
  if ! grep -qF "## Events under load:" "$DOC"; then
    {
      echo
      echo "## Events under load: create -> start -> die -> destroy cycles, 10 subscribers, Berth vs Docker"
      echo
      echo "Issue 6's load: as many cycles as the engine goes with a few workers, while 10 subscribers"
      echo "read the events; each subscriber must see every container's create, start, die and destroy exactly"
      echo "once, in that order. See \`bench/events-load.sh\` for what is measured and how."
      echo
      echo "### Command"
      echo
      echo '```bash'
      echo "./berth up       # or let the script start it"
      echo "bench/events-load.sh"
      echo '```'
    } >>"$DOC"
  fi
  { echo; echo "Command: \`$CMDLINE\`"; echo; cat "$OUT/summary.md"; } >>"$DOC"
  log "appended the result to docs/benchmarks.md"
fi
exit "$STATUS"
