#!/usr/bin/env bash
# The bucket-sync benchmark: the project's sync against aws s3 sync, rclone and the server's
# ceiling on a local S3Proxy (see docs/benchmarks.md). Not part of CI; talks only to 127.0.0.1.
#   bench/bucket-sync.sh                 # 5 rounds of both cases, ~20 minutes on 2 cores
#   RUNS=1 CASES=mixed CEILING_TRANSFERS=16,64 bench/bucket-sync.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
CASES="${CASES:-mixed,small}"
CEILING_TRANSFERS="${CEILING_TRANSFERS:-64}"
OUT="${OUT:-target/bench}"
S3PROXY_VERSION=4.1.0
S3PROXY_JAR="$OUT/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
S3PROXY_HEAP="${S3PROXY_HEAP:-6g}"
IDENTITY=bench
CREDENTIAL=bench-local-only-secret
# rclone 1.60 refuses to start while it is set, and nothing here talks TLS
unset AWS_CA_BUNDLE

if ! dpkg -s awscli >/dev/null 2>&1 || ! command -v rclone >/dev/null 2>&1; then
  echo "== installing awscli and rclone"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli rclone
fi
AWS_CLI=/usr/bin/aws

rm -rf "$OUT/logs" "$OUT/runs.tsv" "$OUT/summary.md" "$OUT/sync-gc.log"
mkdir -p "$OUT"
if [ ! -f "$S3PROXY_JAR" ]; then
  echo "== fetching S3Proxy $S3PROXY_VERSION"
  ./mvnw -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$OUT"
fi

echo "== building"
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CLASSPATH="target/test-classes:target/classes:bench/sdk-interceptors:$(cat "$OUT/classpath.txt")"

PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
ENDPOINT="http://127.0.0.1:$PORT"
cat > "$OUT/s3proxy.conf" <<EOF
s3proxy.endpoint=$ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=transient
jclouds.identity=$IDENTITY
jclouds.credential=$CREDENTIAL
EOF

echo "== starting S3Proxy on $ENDPOINT"
java "-Xmx$S3PROXY_HEAP" -jar "$S3PROXY_JAR" --properties "$OUT/s3proxy.conf" >"$OUT/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
trap 'kill "$S3PROXY_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$S3PROXY_PID" 2>/dev/null || { cat "$OUT/s3proxy.log"; exit 1; }
  sleep 0.5
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg)"
  echo "nproc: $(nproc)"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "aws: $($AWS_CLI --version 2>&1)"
  echo "rclone: $(rclone version | head -1)"
  echo "s3proxy: $S3PROXY_VERSION (transient store, heap $S3PROXY_HEAP)"
  echo "java: $(java -version 2>&1 | head -1)"
} | tee "$OUT/versions.txt"

echo "== benchmark: $RUNS rounds of $CASES"
java -Xmx1g -Dlogback.configurationFile=bench/logback-bench.xml \
  -Dbench.runs="$RUNS" -Dbench.cases="$CASES" -Dbench.aws="$AWS_CLI" -Dbench.rclone="$(command -v rclone)" \
  -Dbench.ceilingTransfers="$CEILING_TRANSFERS" -Dbench.serverPid="$S3PROXY_PID" -Dbench.clockTicks="$(getconf CLK_TCK)" \
  -cp "$CLASSPATH" dev.cutover.bench.BucketSyncBench "$ENDPOINT" "$IDENTITY" "$CREDENTIAL" "$OUT" \
  | tee "$OUT/bench.log"
echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$OUT/versions.txt"
echo "== results in $OUT: summary.md, runs.tsv, bench.log, sync-gc.log, logs/"
