#!/usr/bin/env bash
# The audit report's benchmark: a generated 100- and 1,000-entry ledger, the report's page and JSON
# fetched over HTTP (see docs/benchmarks.md). Not part of CI; talks only to 127.0.0.1.
#   bench/report.sh                      # 10 warm-ups, 30 timed fetches of each size
#   RUNS=100 bench/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-30}"
WARMUPS="${WARMUPS:-10}"
OUT="${OUT:-target/bench}"
mkdir -p "$OUT"

./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CLASSPATH="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

java -Xmx1g -cp "$CLASSPATH" -Druns="$RUNS" -Dwarmups="$WARMUPS" -Dout="$OUT" \
  dev.cutover.bench.ReportBench 2>"$OUT/report-bench.log"
echo "== written to $OUT/report-summary.md"
