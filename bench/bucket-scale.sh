#!/usr/bin/env bash
# The bucket sync and deletion from 2,000 to 200,000 small objects (see docs/benchmarks.md, "Scale"):
# the project's S3 adapter in a JVM of its own (-Xmx256m) against a local S3Proxy. Not part of CI;
# talks only to 127.0.0.1.
#   bench/bucket-scale.sh                     # 2,000, 20,000 and 120,000 objects, in-memory store
#   SIZES=2000,20000 bench/bucket-scale.sh
#   PROVIDER=filesystem KEYS=flat SIZES=20000,200000 bench/bucket-scale.sh   # 200,000: on disk, flat keys
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-2000,20000,120000}"
OUT="${OUT:-target/bench}"
PORT="${PORT:-18430}"
S3PROXY_VERSION=4.1.0
S3PROXY_JAR="$OUT/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
S3PROXY_HEAP="${S3PROXY_HEAP:-8g}"
# S3Proxy's in-memory store refuses new objects ("out of disk space") past about 253,000, so
# 200,000 and their copy do not fit there: use its file-system store (PROVIDER=filesystem, under
# DATA_DIR, on local disk) with KEYS=flat (the same names with '-' for '/', so no folders on disk).
PROVIDER="${PROVIDER:-transient}"
KEYS="${KEYS:-prefixed}"
# absolute: with a relative base directory, the file-system store lists every bucket as empty
DATA_DIR="$(realpath -m "${DATA_DIR:-$OUT/s3proxy-scale-data}")"
IDENTITY=bench
CREDENTIAL=bench-local-only-secret
mkdir -p "$OUT"
if [ ! -f "$S3PROXY_JAR" ]; then
  ./mvnw -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$OUT"
fi
./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null \
  || ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CLASSPATH="target/test-classes:target/classes:bench/sdk-interceptors:$(cat "$OUT/classpath.txt")"

ENDPOINT="http://127.0.0.1:$PORT"
cat > "$OUT/s3proxy-scale.conf" <<CONF
s3proxy.endpoint=$ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=$PROVIDER
jclouds.filesystem.basedir=$DATA_DIR
jclouds.identity=$IDENTITY
jclouds.credential=$CREDENTIAL
CONF
rm -rf "$DATA_DIR"; mkdir -p "$DATA_DIR"
java "-Xmx$S3PROXY_HEAP" -jar "$S3PROXY_JAR" --properties "$OUT/s3proxy-scale.conf" >"$OUT/s3proxy-scale.log" 2>&1 &
S3PROXY_PID=$!
trap 'kill "$S3PROXY_PID" 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$S3PROXY_PID" 2>/dev/null || { cat "$OUT/s3proxy-scale.log"; exit 1; }
  sleep 0.5
done
echo "S3Proxy $S3PROXY_VERSION, $PROVIDER store, $KEYS keys; disk $(df -h --output=avail "$DATA_DIR" | tail -1 | tr -d ' ') free; date: $(date -u +%Y-%m-%dT%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" | tee "$OUT/scale-versions.txt"
java -Xmx2g -Dbench.sizes="$SIZES" -Dbench.keys="$KEYS" -Dlogback.configurationFile=bench/logback-bench.xml -cp "$CLASSPATH" \
  dev.cutover.bench.BucketScaleBench "$ENDPOINT" "$IDENTITY" "$CREDENTIAL" "$OUT" 2>&1 | tee "$OUT/scale.log"
echo "== results in $OUT/scale-summary.md"
