#!/usr/bin/env bash
# The Spark benchmark (not in CI; BENCHMARKS.md, "Training on a Parquet file with Spark"):
#  1. writes a seeded N x D Parquet file (features x0..x{D-1} ~ N(0, 1), label y from the logistic
#     model of bench/run.sh) through the local Spark Connect server (Gen.java),
#  2. trains on it through the service (POST /models with a source), timing each Newton iteration
#     as the job reports it,
#  3. fits Spark MLlib 4.1.0's GeneralizedLinearRegression (binomial) on the same file in a local[2]
#     JVM (MllibGlr.java),
#  4. fits a sample of SAMPLE rows of the same distribution in memory with the service's own fit
#     (InMemorySample.java).
# Needs: scripts/spark-connect-local.sh start, and ./mvnw -B -DskipTests package.
# Usage: bench/spark/run.sh [N=20000000] [D=50] [SAMPLE=2000000]   (the file takes about 8.3 N D bytes)
# The server: BENCH_SPARK_REMOTE (sc://127.0.0.1:15002), for Gen.java and the service alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20000000}; d=${2:-50}; sample=${3:-2000000}
work=${BENCH_SPARK_DIR:-/tmp/logreg-bench-spark}
export BENCH_SPARK_REMOTE=${BENCH_SPARK_REMOTE:-sc://127.0.0.1:15002}
port=${BENCH_PORT:-18091}
mkdir -p "$work/classes"
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/app-cp.txt"
./mvnw -B -q -f bench/spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/mllib-cp.txt"
app_cp="target/classes:$(cat "$work/app-cp.txt")"
javac -d "$work/classes" -cp "$app_cp" bench/spark/Gen.java bench/spark/InMemorySample.java
javac -d "$work/classes-mllib" -cp "$(cat "$work/mllib-cp.txt")" bench/spark/MllibGlr.java
file="file://$work/rows-$n-$d.parquet"
echo "== writing $n x $d to $file"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$app_cp:$work/classes" Gen "$n" "$d" "$file" 2>/dev/null | grep wrote
du -sh "$work/rows-$n-$d.parquet"

echo "== the service (one Spark job per Newton iteration)"
java --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g -jar target/logreg-service-*.jar \
  --server.address=127.0.0.1 --server.port="$port" --logreg.spark.remote="$BENCH_SPARK_REMOTE" > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fs "localhost:$port/actuator/health" > /dev/null && break; sleep 1; done
start=$(date +%s.%N)
location=$(curl -si "localhost:$port/models" -H 'Content-Type: application/json' \
  -d "{\"source\":{\"uri\":\"$file\",\"format\":\"parquet\",\"label\":\"y\"}}" \
  | awk -F': ' 'tolower($1)=="location"{print $2}' | tr -d '\r')
last=""
while true; do
  job=$(curl -s "localhost:$port$location")
  now=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
  state=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["state"], j["phase"], "iteration", j["iteration"])' "$job")
  [ "$state" != "$last" ] && echo "$now s: $state" && last=$state
  case "$state" in SUCCEEDED*|FAILED*|CANCELLED*) break ;; esac
  sleep 0.5
done
model=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["modelId"])' "$job")
curl -s "localhost:$port/models/$model" | python3 -c 'import json,sys; m=json.load(sys.stdin)
print("service: iterations", m["training"]["iterations"], "intercept %.15g" % m["intercept"], "first coefficients", m["coefficients"][:3])
print("service: provenance timings (ms)", m["provenance"]["timings"])'
kill $service; trap - EXIT

echo "== Spark MLlib 4.1.0 GeneralizedLinearRegression, local[2]"
modules="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java $modules -Xmx3g -cp "$(cat "$work/mllib-cp.txt"):$work/classes-mllib" \
  MllibGlr "$file" y "$d" 2>/dev/null | grep MLLIB | cut -c1-200

echo "== in memory: the service's fit of $sample x $d rows of the same distribution (2 workers)"
java --add-modules jdk.incubator.vector -Xmx4g -cp "$app_cp:$work/classes" InMemorySample "$sample" "$d" 2>/dev/null
