#!/usr/bin/env bash
# Berth vs Debian's Docker, side by side in one run: `docker run` latency, start/remove throughput,
# and the host memory each idle running container costs the platform.
#
#   bench/run.sh                                  # Berth on tcp://127.0.0.1:2375 vs a dockerd of its own
#   RUNS=50 N=50 CONC=8 ROUNDS=3 bench/run.sh
#   SELF_TEST=1 bench/run.sh                      # Docker on both sides (a second dockerd stands in for Berth)
#   PHASES="latency throughput" bench/run.sh      # only some of the three phases
#
# Needs root. Settings (environment):
#   BERTH_HOST   tcp://127.0.0.1:2375            Berth's gateway (start Berth with ./berth up)
#   PEER_HOST    unix:///run/bench-docker.sock   Debian's docker.io; started by this script (and stopped
#                                                at the end) if nothing answers there: its own data root
#                                                /var/lib/bench-docker, exec root /run/bench-docker,
#                                                --iptables=false --ip6tables=false --bridge=none
#   NET_FLAG     "--network none"                network flag for every container on both sides (the peer
#                                                has no bridge; Berth's default is a namespace with lo only)
#   IMAGE        busybox:bench                   tag the same busybox rootfs tar is imported as, on both
#   RUNS=30 WARMUP=3                             latency: timed runs per side (interleaved), warm-ups
#   N=50 CONC=8 ROUNDS=2                         throughput: containers per round, xargs -P, rounds per side
#   MEM_N=$N                                     memory: idle containers started per side
#   SETTLE=5                                     seconds to wait before each memory reading
#   CMD_TIMEOUT=60                               seconds any one docker command may take
#   ROUND_TIMEOUT=600                            seconds one throughput round may take
#   BERTH_MATCH  'io\.berth'                     regex (Python) over command lines: Berth's own processes
#   PEER_MATCH   '/run/bench-docker(/|\s|$)'     the same for the peer (dockerd, its containerd, the shims)
#   PHASES       "latency throughput memory"
#   SELF_TEST=1                                  Berth's side becomes a second dockerd (unix:///run/bench-dockerb.sock):
#                                                checks the mechanics and measures Docker against itself
#   KEEP_IMAGE=1                                 leave $IMAGE in both engines at the end
#
# What one "run" is, on either side: `docker -H <side> run --rm $NET_FLAG busybox:bench true` with the
# stock docker CLI, timed on the monotonic clock by bench/timer.py (start-up of the timer not counted).
# Throughput: N such commands through `xargs -P CONC`, wall time of the whole batch; the order of the
# sides is Docker, Berth, Docker, Berth, ... Memory: see bench/README.md and bench/pss.py.
#
# Output: progress on stderr, results on stdout, raw samples and per-process PSS under
# bench/target/run/. The exit code is 0 whether or not the targets are met; 1 if something could not
# be measured (a side did not answer, a container did not run, a run failed or timed out).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target/run"
# shellcheck source=bench/lib-docker-peer.sh
. "$BENCH/lib-docker-peer.sh"

SELF_TEST="${SELF_TEST:-0}"
if [ "$SELF_TEST" = 1 ]; then
  BERTH_HOST="${BERTH_HOST:-unix:///run/bench-dockerb.sock}"
  BERTH_LABEL="${BERTH_LABEL:-Docker-B (stand-in for Berth)}"
else
  BERTH_HOST="${BERTH_HOST:-tcp://127.0.0.1:2375}"
  BERTH_LABEL="${BERTH_LABEL:-Berth}"
fi
PEER_HOST="${PEER_HOST:-unix:///run/bench-docker.sock}"
PEER_LABEL="${PEER_LABEL:-Docker}"
NET_FLAG="${NET_FLAG---network none}"
IMAGE="${IMAGE:-busybox:bench}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
N="${N:-50}"
CONC="${CONC:-8}"
ROUNDS="${ROUNDS:-2}"
MEM_N="${MEM_N:-$N}"
SETTLE="${SETTLE:-5}"
CMD_TIMEOUT="${CMD_TIMEOUT:-60}"
ROUND_TIMEOUT="${ROUND_TIMEOUT:-600}"
PHASES="${PHASES:-latency throughput memory}"
KEEP_IMAGE="${KEEP_IMAGE:-0}"
PEER_MATCH="${PEER_MATCH:-$(bench_dockerd_match "$PEER_HOST")}"
if [ "$SELF_TEST" = 1 ]; then
  BERTH_MATCH="${BERTH_MATCH:-$(bench_dockerd_match "$BERTH_HOST")}"
else
  BERTH_MATCH="${BERTH_MATCH:-io\.berth}"
fi
read -r -a NET_ARGS <<<"$NET_FLAG"
PY="$(command -v /usr/bin/python3 || command -v python3)"
STATUS=0

# Sides are "berth" and "peer".
host_of() { if [ "$1" = berth ]; then echo "$BERTH_HOST"; else echo "$PEER_HOST"; fi; }
label_of() { if [ "$1" = berth ]; then echo "$BERTH_LABEL"; else echo "$PEER_LABEL"; fi; }
match_of() { if [ "$1" = berth ]; then echo "$BERTH_MATCH"; else echo "$PEER_MATCH"; fi; }
# The docker CLI forwards SIGTERM to the container (--sig-proxy) instead of exiting, so a hung
# `docker run` outlives a plain `timeout`: every bound here ends with SIGKILL (-k, or timer.py's killpg).
dk() { # side args... : the docker CLI against one side, bounded by CMD_TIMEOUT
  local side="$1"
  shift
  timeout -k 5 "$CMD_TIMEOUT" docker -H "$(host_of "$side")" "$@"
}
log() { echo "[run] $*" >&2; }
fail() { log "FAILED: $*"; STATUS=1; }

# --- clean-up on exit ---------------------------------------------------------------------------
# Removes every container of $IMAGE on each side (the idle ones, and any a timed-out or failed
# `run --rm` left behind), then the image unless KEEP_IMAGE=1, then stops the dockerds started here.
bench_containers() { # side -> ids of containers made from $IMAGE
  dk "$1" ps -a --no-trunc --format '{{.ID}} {{.Image}}' 2>/dev/null | awk -v img="$IMAGE" '$2 == img {print $1}'
}
remove_bench_containers() { # side
  local ids
  ids="$(bench_containers "$1" || true)"
  [ -z "$ids" ] && return 0
  log "removing $(echo "$ids" | wc -l) $IMAGE container(s) on $(label_of "$1")"
  # shellcheck disable=SC2086
  timeout -k 5 300 docker -H "$(host_of "$1")" rm -f $ids >/dev/null 2>&1 || log "could not remove all of them on $(label_of "$1")"
}
cleanup() {
  local rc=$? side
  trap - EXIT INT TERM
  for side in peer berth; do
    bench_docker_ok "$(host_of "$side")" || continue
    remove_bench_containers "$side" || true
    [ "$KEEP_IMAGE" = 1 ] || dk "$side" rmi "$IMAGE" >/dev/null 2>&1 || true
  done
  bench_dockerd_stop_all
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- statistics ---------------------------------------------------------------------------------
# stats FILE -> "n median p90 mean min max" (p90 nearest-rank)
stats() {
  sort -g "$1" | awk '{a[NR] = $1; s += $1}
    END {
      if (NR == 0) { print "0 nan nan nan nan nan"; exit }
      med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      r = int(0.9 * NR); if (r < 0.9 * NR) r++; if (r < 1) r = 1
      printf "%d %.1f %.1f %.1f %.1f %.1f\n", NR, med, a[r], s / NR, a[1], a[NR]
    }'
}
median_of() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {printf "%.2f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
verdict() { # value op limit -> yes/no
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a") { print "n/a"; exit } ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "**yes**" : "**no**" }'
}

# --- preparation --------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || { log "run me as root (dockerd, /proc/<pid>/smaps_rollup of other processes)"; exit 1; }
bench_ensure_packages
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.log

if [ "$SELF_TEST" = 1 ]; then
  bench_dockerd_start "$BERTH_HOST"
elif ! bench_docker_ok "$BERTH_HOST"; then
  log "$BERTH_LABEL does not answer on $BERTH_HOST; start it with ./berth up (or SELF_TEST=1 to try the bench on Docker alone)"
  exit 1
fi
bench_dockerd_start "$PEER_HOST"

TAR="$(bench_busybox_tar "$OUT")"
for side in peer berth; do
  log "importing $(basename "$TAR") ($(($(stat -c %s "$TAR") / 1024)) KiB) into $(label_of "$side") as $IMAGE"
  remove_bench_containers "$side"
  dk "$side" import "$TAR" "$IMAGE" >/dev/null
  if ! err="$(dk "$side" run --rm "${NET_ARGS[@]}" "$IMAGE" true 2>&1)"; then
    log "$(label_of "$side") cannot run a container: docker -H $(host_of "$side") run --rm $NET_FLAG $IMAGE true failed or took more than ${CMD_TIMEOUT} s: $err"
    exit 1
  fi
done

server_version() { dk "$1" version --format '{{.Server.Platform.Name}} {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null | sed 's/^ *//' || echo '?'; }
berth_version="$(server_version berth)"
peer_version="$(server_version peer)"
CMDLINE="$(for v in RUNS WARMUP N CONC ROUNDS MEM_N; do printf '%s=%s ' "$v" "${!v}"; done)NET_FLAG=\"$NET_FLAG\" BERTH_HOST=$BERTH_HOST PEER_HOST=$PEER_HOST$([ "$SELF_TEST" = 1 ] && echo ' SELF_TEST=1' || true) bench/run.sh"
echo "== Berth vs Docker: docker run, start/remove throughput, memory per idle container =="
echo "command:  $CMDLINE"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host:     $(nproc) cpus ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr)"
echo "client:   $(docker --version 2>/dev/null || echo 'docker CLI ?')"
echo "$(printf '%-9s' "$(echo "$BERTH_LABEL" | cut -d' ' -f1):") $berth_version at $BERTH_HOST"
echo "$(printf '%-9s' "$PEER_LABEL:") $peer_version at $PEER_HOST"
echo "image:    $IMAGE = $(basename "$TAR") (Debian busybox-static $(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo '?'), $(($(stat -c %s "$TAR") / 1024)) KiB), docker import into both"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at the start)"
echo

ROWS=()

# --- 1. latency ---------------------------------------------------------------------------------
run_once() { # side -> "ms rc"
  "$PY" "$BENCH/timer.py" "$CMD_TIMEOUT" docker -H "$(host_of "$1")" run --rm "${NET_ARGS[@]}" "$IMAGE" true 2>>"$OUT/errors.log"
}
latency_phase() {
  local i side order ms rc line
  : >"$OUT/latency-berth.txt"
  : >"$OUT/latency-peer.txt"
  log "latency: $WARMUP warm-up runs per side (not counted), then $RUNS runs per side, interleaved"
  for i in $(seq 1 "$WARMUP"); do run_once peer >/dev/null; run_once berth >/dev/null; done
  local failures=0
  for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) -eq 1 ]; then order="berth peer"; else order="peer berth"; fi
    line="run $i:"
    for side in $order; do
      read -r ms rc < <(run_once "$side")
      if [ "$rc" -eq 0 ]; then
        echo "$ms" >>"$OUT/latency-$side.txt"
        line="$line $side ${ms} ms"
      else
        failures=$((failures + 1))
        line="$line $side FAILED (exit $rc after ${ms} ms)"
      fi
    done
    log "$line"
  done
  [ "$failures" -eq 0 ] || fail "$failures latency run(s) failed or timed out (see $OUT/errors.log)"
  local bn bmed bp90 bmean bmin bmax pn pmed pp90 pmean pmin pmax r
  read -r bn bmed bp90 bmean bmin bmax < <(stats "$OUT/latency-berth.txt")
  read -r pn pmed pp90 pmean pmin pmax < <(stats "$OUT/latency-peer.txt")
  r="$(ratio "$bmed" "$pmed")"
  echo "== 1. docker run --rm $NET_FLAG $IMAGE true: $RUNS runs per side, interleaved (ms) =="
  printf '%-32s %4s %9s %9s %9s %9s %9s\n' side n median p90 mean min max
  printf '%-32s %4s %9s %9s %9s %9s %9s\n' "$BERTH_LABEL" "$bn" "$bmed" "$bp90" "$bmean" "$bmin" "$bmax"
  printf '%-32s %4s %9s %9s %9s %9s %9s\n' "$PEER_LABEL" "$pn" "$pmed" "$pp90" "$pmean" "$pmin" "$pmax"
  echo "ratio Berth/Docker: median $r (target <= 0.5), p90 $(ratio "$bp90" "$pp90"), mean $(ratio "$bmean" "$pmean")"
  echo
  ROWS+=("| \`docker run --rm busybox true\`, median of $bn / $pn runs (ms) | $bmed | $pmed | $r | ≤ 0.5 | $(verdict "$r" '<=' 0.5) |")
  ROWS+=("| same, p90 (ms) | $bp90 | $pp90 | $(ratio "$bp90" "$pp90") | | |")
  ROWS+=("| same, mean (ms) | $bmean | $pmean | $(ratio "$bmean" "$pmean") | | |")
}

# --- 2. throughput ------------------------------------------------------------------------------
# One round: N x `docker run --rm $NET_FLAG $IMAGE true` through xargs -P CONC (each bounded by
# CMD_TIMEOUT); the wall time of the whole batch. Every container is created, started, waited for
# and removed before its job ends, so the batch's end means all N were started and removed.
round_once() { # side -> "ms rc"
  local host
  host="$(host_of "$1")"
  "$PY" "$BENCH/timer.py" "$ROUND_TIMEOUT" bash -c \
    'seq 1 "$1" | xargs -P "$2" -I{} timeout -k 5 "$3" docker -H "$4" run --rm '"$NET_FLAG"' "$5" true >/dev/null' \
    _ "$N" "$CONC" "$CMD_TIMEOUT" "$host" "$IMAGE" 2>>"$OUT/errors.log"
}
throughput_phase() {
  local r side ms rc cps
  local -a bcps=() pcps=()
  log "throughput: $N containers started and removed at concurrency $CONC, $ROUNDS rounds per side, alternating"
  echo "== 2. $N x docker run --rm $NET_FLAG $IMAGE true through xargs -P $CONC (containers/s) =="
  printf '%-6s %-32s %10s %12s\n' round side "wall ms" containers/s
  for r in $(seq 1 "$ROUNDS"); do
    for side in peer berth; do
      remove_bench_containers "$side"
      read -r ms rc < <(round_once "$side")
      if [ "$rc" -eq 0 ]; then
        cps="$(awk -v n="$N" -v ms="$ms" 'BEGIN { printf "%.2f", n * 1000 / ms }')"
        if [ "$side" = berth ]; then bcps+=("$cps"); else pcps+=("$cps"); fi
        printf '%-6s %-32s %10.0f %12s\n' "$r" "$(label_of "$side")" "$ms" "$cps"
      else
        printf '%-6s %-32s %10.0f %12s\n' "$r" "$(label_of "$side")" "$ms" "FAILED"
        fail "throughput round $r on $(label_of "$side") failed (exit $rc; see $OUT/errors.log)"
      fi
      echo "$r $side $ms $rc" >>"$OUT/throughput.txt"
      sleep 2
    done
  done
  local bm=n/a pm=n/a rt=n/a
  [ ${#bcps[@]} -gt 0 ] && bm="$(median_of "${bcps[@]}")"
  [ ${#pcps[@]} -gt 0 ] && pm="$(median_of "${pcps[@]}")"
  [ "$bm" != n/a ] && [ "$pm" != n/a ] && rt="$(ratio "$bm" "$pm")"
  echo "median containers/s: $BERTH_LABEL $bm, $PEER_LABEL $pm; ratio Berth/Docker $rt (target >= 2)"
  echo
  ROWS+=("| $N containers started and removed at concurrency $CONC, containers/s (median of $ROUNDS rounds: ${bcps[*]:-} / ${pcps[*]:-}) | $bm | $pm | $rt | ≥ 2 | $(verdict "$rt" '>=' 2) |")
}

# --- 3. memory ----------------------------------------------------------------------------------
# PSS (kB) of a side's own processes, excluding the process trees of all its running containers.
container_pids() { # side -> init pids of its running containers
  local ids
  ids="$(dk "$1" ps -q --no-trunc 2>/dev/null || true)"
  [ -z "$ids" ] && return 0
  # shellcheck disable=SC2086
  dk "$1" inspect -f '{{.State.Pid}}' $ids 2>/dev/null | awk '$1 > 0' | tr '\n' ' '
}
platform_pss() { # side tag -> "pss_kB processes rss_kB"
  local side="$1" tag="$2"
  echo "== $(label_of "$side") $tag ($(date -u +%H:%M:%S)) ==" >>"$OUT/pss-$side.txt"
  PSS_MATCH="$(match_of "$side")" "$PY" "$BENCH/pss.py" --exclude-trees "$(container_pids "$side")" --detail "$OUT/pss-$side.txt"
}
mem_available_kb() { awk '/^MemAvailable:/ {print $2}' /proc/meminfo; }
memory_side() { # side -> sets MEM_RESULT="before_kB before_n after_kB after_n per_container_kB avail_drop_per_container_kB rss_per_container_kB"
  local side="$1" i id before bn brss after an arss avail0 avail1 running
  remove_bench_containers "$side"
  sleep "$SETTLE"
  read -r before bn brss < <(platform_pss "$side" "before")
  avail0="$(mem_available_kb)"
  log "memory: $(label_of "$side"): platform PSS before $((before / 1024)) MB in $bn processes; starting $MEM_N idle containers"
  : >"$OUT/idle-$side.txt"
  for i in $(seq 1 "$MEM_N"); do
    if id="$(dk "$side" run -d "${NET_ARGS[@]}" --name "bench-idle-$i" "$IMAGE" sleep 3600 2>>"$OUT/errors.log")"; then
      echo "$id" >>"$OUT/idle-$side.txt"
    else
      fail "memory: idle container $i did not start on $(label_of "$side")"
      MEM_RESULT=""
      return 0
    fi
  done
  # shellcheck disable=SC2046
  running="$(dk "$side" inspect -f '{{.State.Running}}' $(cat "$OUT/idle-$side.txt") | grep -c '^true$' || true)"
  if [ "$running" -ne "$MEM_N" ]; then
    fail "memory: only $running of $MEM_N idle containers run on $(label_of "$side")"
    MEM_RESULT=""
    return 0
  fi
  sleep "$SETTLE"
  read -r after an arss < <(platform_pss "$side" "after $MEM_N idle containers")
  avail1="$(mem_available_kb)"
  log "memory: $(label_of "$side"): platform PSS after $((after / 1024)) MB in $an processes; removing the $MEM_N"
  remove_bench_containers "$side"
  MEM_RESULT="$before $bn $after $an $(((after - before) / MEM_N)) $(((avail0 - avail1) / MEM_N)) $(((arss - brss) / MEM_N))"
}
memory_phase() {
  local bres pres
  memory_side peer
  pres="$MEM_RESULT"
  memory_side berth
  bres="$MEM_RESULT"
  [ -n "$pres" ] && [ -n "$bres" ] || return 0
  local bb bbn ba ban bper bavail brss pb pbn pa pan pper pavail prss
  read -r bb bbn ba ban bper bavail brss <<<"$bres"
  read -r pb pbn pa pan pper pavail prss <<<"$pres"
  mb() { awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'; }
  echo "== 3. memory: $MEM_N idle containers (docker run -d $NET_FLAG $IMAGE sleep 3600) per side =="
  echo "platform PSS = sum of Pss (/proc/<pid>/smaps_rollup) of the processes whose command line matches the side's"
  echo "regex, and their descendants, minus each running container's own process tree (regexes: $BERTH_LABEL '$BERTH_MATCH',"
  echo "$PEER_LABEL '$PEER_MATCH'); per-process figures in $OUT/pss-{berth,peer}.txt"
  printf '%-32s %16s %16s %14s %14s %14s\n' side "PSS before (n)" "PSS after (n)" "PSS/ctr MB" "(RSS/ctr MB)" "(MemAvail/ctr)"
  printf '%-32s %16s %16s %14s %14s %14s\n' "$BERTH_LABEL" "$(mb "$bb") ($bbn)" "$(mb "$ba") ($ban)" "$(mb "$bper")" "$(mb "$brss")" "$(mb "$bavail")"
  printf '%-32s %16s %16s %14s %14s %14s\n' "$PEER_LABEL" "$(mb "$pb") ($pbn)" "$(mb "$pa") ($pan)" "$(mb "$pper")" "$(mb "$prss")" "$(mb "$pavail")"
  echo "(PSS/ctr is the figure the target is about. RSS/ctr counts shared pages in full in every process. MemAvail/ctr is the"
  echo " drop of the host's MemAvailable per container: kernel memory and the containers' own processes included, noisy on a shared machine.)"
  echo
  ROWS+=("| host memory per idle running container: platform PSS after − before, / $MEM_N (MB) | $(mb "$bper") | $(mb "$pper") | $(ratio "$bper" "$pper") | Berth ≤ 1 MB | $(verdict "$(mb "$bper")" '<=' 1) |")
  ROWS+=("| platform PSS with 0 / $MEM_N idle containers (MB; processes) | $(mb "$bb") ($bbn) / $(mb "$ba") ($ban) | $(mb "$pb") ($pbn) / $(mb "$pa") ($pan) | | | |")
  ROWS+=("| (for comparison: platform RSS after − before, / $MEM_N (MB)) | $(mb "$brss") | $(mb "$prss") | | | |")
}

for phase in $PHASES; do
  case "$phase" in
    latency) latency_phase ;;
    throughput) throughput_phase ;;
    memory) memory_phase ;;
    *) log "unknown phase '$phase' (latency, throughput, memory)"; exit 1 ;;
  esac
done

echo "== summary (markdown, for docs/benchmarks.md) =="
echo
echo "\`$CMDLINE\` — $(date -u +%Y-%m-%dT%H:%M:%SZ), load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| figure | $BERTH_LABEL | $PEER_LABEL | Berth/Docker | target | met? |"
echo "| --- | ---: | ---: | ---: | --- | --- |"
for row in "${ROWS[@]}"; do echo "$row"; done
[ "$STATUS" -eq 0 ] || log "some figures could not be measured (see above and $OUT/errors.log)"
exit "$STATUS"
