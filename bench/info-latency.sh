#!/usr/bin/env bash
# Berth /info latency vs Docker's /info vs Kafka's raw end-to-end latency, in one run.
#
#   bench/info-latency.sh [InfoLatency options...]      e.g.  RUNS=3 bench/info-latency.sh
#
# Needs root (it may install and start a Docker daemon). What it does:
#  1. checks Berth's gateway answers GET http://127.0.0.1:2375/_ping (start Berth with ./berth up);
#  2. makes sure a Docker daemon answers on /var/run/docker.sock: installs Debian's docker.io if
#     dockerd is missing, starts dockerd in the background (log: /tmp/berth-bench-dockerd.log),
#     puts the iptables FORWARD policy back to what it was (dockerd sets it to DROP), and stops
#     that dockerd again when the script ends;
#  3. resolves kafka-clients + kafka-tools 3.9.1 with bench/pom.xml (not part of the root build);
#  4. compiles bench/InfoLatency.java and runs it RUNS times (default 1), each run in a fresh JVM;
#  5. prints the host facts and, for RUNS > 1, the spread of the headline figures.
# The exit code is 0 whether or not the targets are met; it is 1 only if something could not be measured.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target"
RUNS="${RUNS:-1}"
BERTH_URL="${BERTH_URL:-http://127.0.0.1:2375}"
DOCKER_SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"
DOCKERD_LOG=/tmp/berth-bench-dockerd.log
STARTED_DOCKERD_PID=""

log() { echo "[info-latency] $*" >&2; }

docker_ping() { curl -s -m 3 --unix-socket "$DOCKER_SOCK" http://docker/_ping 2>/dev/null | grep -qx OK; }

cleanup() {
  if [ -n "$STARTED_DOCKERD_PID" ] && kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null; then
    log "stopping the dockerd this script started (pid $STARTED_DOCKERD_PID)"
    kill -TERM "$STARTED_DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null && kill -KILL "$STARTED_DOCKERD_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# 1. Berth
if ! curl -s -m 5 "$BERTH_URL/_ping" 2>/dev/null | grep -qx OK; then
  log "Berth's gateway does not answer $BERTH_URL/_ping with OK; start it with './berth up' (as root) and retry"
  exit 1
fi

# 2. Docker
if ! docker_ping; then
  if ! command -v dockerd >/dev/null 2>&1; then
    log "installing Debian's docker.io"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null
  fi
  forward_policy="$(iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3; exit}')"
  log "starting dockerd (log: $DOCKERD_LOG)"
  dockerd >"$DOCKERD_LOG" 2>&1 &
  STARTED_DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker_ping && break
    kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || { log "dockerd exited; see $DOCKERD_LOG"; exit 1; }
    sleep 0.5
  done
  docker_ping || { log "dockerd did not answer on $DOCKER_SOCK within 30 s; see $DOCKERD_LOG"; exit 1; }
  # dockerd sets the FORWARD policy to DROP; put back what was there (ACCEPT if unknown).
  iptables -P FORWARD "${forward_policy:-ACCEPT}" 2>/dev/null || true
fi

# 3. classpath
mkdir -p "$OUT"
if ! (cd "$BENCH" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >"$OUT/mvn.log" 2>&1); then
  if [ -s "$ROOT/launcher/target/classpath.txt" ]; then
    log "mvn could not resolve bench/pom.xml (see $OUT/mvn.log); using launcher/target/classpath.txt (kafka-clients, no kafka-tools: Kafka's own tool is skipped)"
    cp "$ROOT/launcher/target/classpath.txt" "$OUT/classpath.txt"
  else
    log "cannot build the classpath; see $OUT/mvn.log"
    exit 1
  fi
fi
CP="$(cat "$OUT/classpath.txt")"

# 4. compile
rm -rf "$OUT/classes"
mkdir -p "$OUT/classes"
javac -nowarn -d "$OUT/classes" -cp "$CP" "$BENCH/InfoLatency.java"

# 5. host facts
echo "== host =="
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus:    $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
echo "memory:  $(free -g | awk '/^Mem:/{print $2 " GiB"}')"
echo "kernel:  $(uname -sr)"
echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "java:    $(java -version 2>&1 | head -1); $(java -version 2>&1 | sed -n 2p)"
echo "docker:  $(curl -s --unix-socket "$DOCKER_SOCK" http://docker/version | sed -n 's/.*"Version":"\([^"]*\)","ApiVersion":"\([^"]*\)".*/engine \1 (API \2)/p')$( [ -n "$STARTED_DOCKERD_PID" ] && echo ', dockerd started by this script' )"
echo "berth:   $(curl -s "$BERTH_URL/version" | sed -n 's/.*"Version":"\([^"]*\)".*/\1/p') at $BERTH_URL"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average before the run)"
echo

status=0
: >"$OUT/summaries.txt"
for run in $(seq 1 "$RUNS"); do
  [ "$RUNS" -gt 1 ] && echo "== run $run of $RUNS =="
  java -cp "$OUT/classes:$CP" InfoLatency "$@" | tee "$OUT/run-$run.txt"
  grep '^summary:' "$OUT/run-$run.txt" >>"$OUT/summaries.txt" || true
  grep -q 'NOT MEASURED' "$OUT/run-$run.txt" && status=1
  echo "load after run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
done

if [ "$RUNS" -gt 1 ]; then
  echo "== spread over $RUNS runs (ms; min / median / max of the per-run figures) =="
  awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); k = kv[1]; if (!(k in n)) order[++keys] = k; v[k, ++n[k]] = kv[2] + 0 } }
    END {
      for (j = 1; j <= keys; j++) {
        k = order[j]; c = n[k]
        for (a = 1; a <= c; a++) s[a] = v[k, a]
        for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) if (s[b] < s[a]) { t = s[a]; s[a] = s[b]; s[b] = t }
        med = (c % 2) ? s[(c + 1) / 2] : (s[c / 2] + s[c / 2 + 1]) / 2
        printf "  %-18s %9.3f / %9.3f / %9.3f   (%d runs)\n", k, s[1], med, s[c], c
      }
    }' "$OUT/summaries.txt"
fi
exit $status
