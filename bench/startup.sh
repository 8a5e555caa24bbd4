#!/usr/bin/env bash
# Start-up and memory: Cutover's jar against a minimal Spring Boot app with the same Camunda 7.24
# starters and nothing else (bench/minimal-camunda), both built here and started alternately, 5 times
# each (see docs/benchmarks.md). Not part of CI; talks only to 127.0.0.1.
#   bench/startup.sh              # 5 starts of each
#   RUNS=3 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
OUT="${OUT:-target/bench}"
PORT="${PORT:-18420}"
SETTLE="${SETTLE:-5}"
mkdir -p "$OUT/startup"

echo "== building both"
./mvnw -q -o package -DskipTests
./mvnw -q -o -f bench/minimal-camunda/pom.xml package -DskipTests 2>/dev/null || ./mvnw -q -f bench/minimal-camunda/pom.xml package -DskipTests
CUTOVER_JAR=$(ls target/cutover-*.jar | grep -v original | head -1)
MINIMAL_JAR=bench/minimal-camunda/target/minimal-camunda-1.jar

now_ms() { date +%s%3N; }

# one start: prints "ready_ms rss_kib reported_s"
start_one() {
  local name="$1" i="$2"; shift 2
  local log="$OUT/startup/$name-$i.log"
  local t0; t0=$(now_ms)
  java -jar "$@" --server.port="$PORT" --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1" >"$log" 2>&1 &
  local pid=$!
  local ready=""
  for _ in $(seq 1 1200); do
    # ready: the engine's REST answers (401 for Cutover, which asks for a login; 200 for the baseline)
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/engine-rest/engine" || true)
    if [ "$code" = "200" ] || [ "$code" = "401" ]; then ready=$(( $(now_ms) - t0 )); break; fi
    kill -0 "$pid" 2>/dev/null || { echo "$name did not start: see $log" >&2; exit 1; }
    sleep 0.05
  done
  sleep "$SETTLE"
  local rss; rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  local reported; reported=$(grep -o 'process running for [0-9.]*' "$log" | grep -o '[0-9.]*$' || echo "?")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $rss $reported"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc: $(nproc); memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cutover jar: $(du -k "$CUTOVER_JAR" | cut -f1) KiB; minimal jar: $(du -k "$MINIMAL_JAR" | cut -f1) KiB"
} | tee "$OUT/startup/versions.txt"

printf 'app\trun\tready_ms\trss_kib\treported_s\tload\n' > "$OUT/startup/runs.tsv"
for i in $(seq 1 "$RUNS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r r m s < <(start_one minimal "$i" "$MINIMAL_JAR")
  printf 'minimal\t%s\t%s\t%s\t%s\t%s\n' "$i" "$r" "$m" "$s" "$load" | tee -a "$OUT/startup/runs.tsv"
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r r m s < <(start_one cutover "$i" "$CUTOVER_JAR" --spring.profiles.active=rehearsal \
    --cutover.access.admin-password=startup-bench-password --cutover.rehearsal.dns-port=$((PORT + 1)) \
    --cutover.rehearsal.seal-key-file="$OUT/startup/world.key")
  printf 'cutover\t%s\t%s\t%s\t%s\t%s\n' "$i" "$r" "$m" "$s" "$load" | tee -a "$OUT/startup/runs.tsv"
done

python3 - "$OUT/startup/runs.tsv" "$SETTLE" <<'PY' | tee "$OUT/startup/summary.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(app, key, f=float):
    return statistics.median(f(r[key]) for r in rows if r["app"] == app and r[key] not in ("", "?"))
c_ready, m_ready = med("cutover", "ready_ms"), med("minimal", "ready_ms")
c_rss, m_rss = med("cutover", "rss_kib") / 1024, med("minimal", "rss_kib") / 1024
c_rep, m_rep = med("cutover", "reported_s"), med("minimal", "reported_s")
loads = [float(r["load"]) for r in rows]
print("| figure (median of %d) | minimal Camunda app | Cutover | ratio | target |" % (len(rows) // 2))
print("|---|---:|---:|---:|---|")
print("| time to ready (REST answers), s | %.2f | %.2f | %.2f× | ≤ 1.3× |" % (m_ready / 1000, c_ready / 1000, c_ready / m_ready))
print("| Spring's 'process running for', s | %.2f | %.2f | %.2f× | |" % (m_rep, c_rep, c_rep / m_rep))
print("| RSS %s s after ready, MiB | %.0f | %.0f | %.2f× | ≤ 1.3× |" % (sys.argv[2], m_rss, c_rss, c_rss / m_rss))
print()
print("load average (1 min) at each start: %.1f–%.1f" % (min(loads), max(loads)))
PY
