#!/usr/bin/env bash
# The engine's benchmarks on a whole cutover run (see docs/benchmarks.md, "The engine"): the run is
# worked over REST by a user of each task's group, and the engine's history says where the time
# went. Not part of CI; talks only to 127.0.0.1.
#   bench/engine.sh overhead      # zero-latency world, everything compressed (target: < 10 s, p95 gap < 25 ms)
#   bench/engine.sh rehearsal     # the rehearsal profile as it is (time-scale 60), Day 2 started at once
#   bench/engine.sh latency       # every simulated call 500 ms, then the rollback paths (critical path)
#   bench/engine.sh before-redirect   # every call 500 ms, the lead requests a rollback at Make really sure
#   bench/engine.sh pickup        # the production job executor, an idle wait before Day 2's timer
#   NAME=pickup-5s WAIT_TIME=5000 MAX_WAIT=5000 IDLE=PT1M bench/engine.sh pickup   # the settings before
#   bench/engine.sh dress         # the plan's real waits compressed by cutover.time-scale=1440
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-overhead}"; shift || true
OUT="${OUT:-target/bench}"
PORT="${PORT:-18410}"
DNS_PORT="${DNS_PORT:-18411}"
mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -o test-compile
  ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null || ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
fi
CLASSPATH="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

# the world answers at once: its snapshots, AWX jobs, site, and its fixed waits (Route53, ACM...) take no time
INSTANT_WORLD=(--cutover.rehearsal.snapshot-takes=PT0S --cutover.rehearsal.job-queued-for=PT0S
  --cutover.rehearsal.job-runs-for=PT0S --cutover.rehearsal.site-appears-after=PT0S
  --cutover.rehearsal.world-waits=0)
# the plan as it is, but the password change's downtime probed every 50 ms instead of every second
sed 's/^\(  probe-interval:\) PT1S/\1 PT0.05S/' plans/clearmyrecord.yaml > "$OUT/plan-bench.yaml"
grep -q 'probe-interval: PT0.05S' "$OUT/plan-bench.yaml"
BENCH_PROFILE=(--spring.config.additional-location=file:bench/ --spring.profiles.active=rehearsal,bench
  --cutover.plan="$OUT/plan-bench.yaml")
PROPS=()
case "$MODE" in
  overhead)
    ARGS=("${BENCH_PROFILE[@]}")
    PROPS=(-Dbench.warmups="${WARMUPS:-1}" -Dbench.day2Now=true) ;;
  rehearsal)
    ARGS=(--spring.profiles.active=rehearsal)
    PROPS=(-Dbench.day2Now=true) ;;
  latency)
    ARGS=("${BENCH_PROFILE[@]}" --cutover.rehearsal.call-latency=PT0.5S)
    PROPS=(-Dbench.rollbacks="${ROLLBACKS:-rollback-data-corrupted}" -Dbench.callMillis=500 -Dbench.day2Now=true) ;;
  before-redirect)
    # every call 500 ms; Day 1 as far as the lead's last gate before the redirect (Make really sure),
    # where the lead requests a rollback instead (RollbackRequested) and confirms it: Day 1 undoes
    # itself, then the advisor follows the rollback before the redirect
    ARGS=("${BENCH_PROFILE[@]}" --cutover.rehearsal.call-latency=PT0.5S)
    PROPS=(-Dbench.rollbackAt="${ROLLBACK_AT:-makeReallySure}" -Dbench.callMillis=500) ;;
  pickup)
    # the job executor as application.yaml sets it for production (stated again here, so that the
    # rehearsal profile's own settings cannot stand in for it); the world as the rehearsal's, so its
    # poll timers fire; Day 2 an hour after Day 1 (time-scale 24), the engine idle before it
    ARGS=(--spring.profiles.active=rehearsal
      --camunda.bpm.job-execution.wait-time-in-millis="${WAIT_TIME:-$(awk '/wait-time-in-millis:/ {print $2; exit}' src/main/resources/application.yaml)}"
      --camunda.bpm.job-execution.max-wait="${MAX_WAIT:-$(awk '/^ *max-wait:/ {print $2; exit}' src/main/resources/application.yaml)}"
      --cutover.time-scale=24)
    PROPS=(-Dbench.idle="${IDLE:-PT3M}") ;;
  dress)
    # the plan's waits compressed by TIME_SCALE (1440: a day in a minute, Day 2's 24 h wait in 60 s, the
    # 40-minute site SLA in 1.7 s); the world's own times too: its defaults are the real ones divided
    # by 60 (a 6-minute snapshot in 6 s), so they are multiplied by 60/TIME_SCALE
    TIME_SCALE="${TIME_SCALE:-1440}"
    W=$(python3 -c "print(60 / $TIME_SCALE)")
    ARGS=(--spring.profiles.active=rehearsal --cutover.time-scale="$TIME_SCALE" --cutover.shortest-timing=PT0.2S
      --cutover.rehearsal.world-waits="$W"
      --cutover.rehearsal.snapshot-takes="PT$(python3 -c "print(round(6 * $W, 3))")S"
      --cutover.rehearsal.job-queued-for="PT$(python3 -c "print(round(1 * $W, 3))")S"
      --cutover.rehearsal.job-runs-for="PT$(python3 -c "print(round(6 * $W, 3))")S"
      --cutover.rehearsal.site-appears-after="PT$(python3 -c "print(round(10 * $W, 3))")S")
    PROPS=(-Dbench.report=true) ;;
  *) echo "unknown benchmark $MODE"; exit 2 ;;
esac

NAME="${NAME:-$MODE}"
java -Xmx1g -XX:+UseSerialGC -cp "$CLASSPATH" -Dbench.name="$NAME" -Dbench.out="$OUT" -Dbench.port="$PORT" \
  -Dbench.dnsPort="$DNS_PORT" "${PROPS[@]}" dev.cutover.bench.RunBench "${ARGS[@]}" "$@" 2>"$OUT/$NAME.log"
echo "== written to $OUT/$NAME.md and $OUT/$NAME-activities.tsv"
