#!/usr/bin/env bash
# Where an event's delivery time goes on the Kafka side (see bench/EventPath.java): run it beside a
# load and it prints, for the events written meanwhile, event time -> the outbox relay's send and
# event time -> a plain Kafka consumer's receipt (p50/p90/p99/max).
#
#   bench/event-path.sh [seconds] [topics]        # default 120 s, berth.container.events
#   e.g. in one shell:   bench/event-path.sh 150
#        in another:     N=300 WRITE_DOCS=0 bench/events-load.sh
#
# Needs a running Berth (./berth up; Kafka on BERTH_KAFKA (127.0.0.1:23790)).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target"
SECONDS_TO_READ="${1:-120}"
TOPICS="${2:-berth.container.events}"
KAFKA="${BERTH_KAFKA:-127.0.0.1:23790}"
mkdir -p "$OUT/classes"
if [ ! -s "$OUT/classpath.txt" ]; then
  (cd "$BENCH" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >"$OUT/mvn.log" 2>&1) ||
    { echo "[event-path] mvn could not resolve bench/pom.xml (see $OUT/mvn.log)" >&2; exit 1; }
fi
CP="$(cat "$OUT/classpath.txt")"
javac -nowarn -d "$OUT/classes" -cp "$CP" "$BENCH/EventPath.java"
exec java -cp "$OUT/classes:$CP" EventPath "$KAFKA" "$SECONDS_TO_READ" "$TOPICS"
