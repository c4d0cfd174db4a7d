#!/usr/bin/env bash
# What the ROC AUC and curve of a source training cost against one Newton pass (not in CI;
# BENCHMARKS.md, "Training on a Parquet file with Spark"): writes a seeded N x D Parquet file
# through a Spark Connect server (Gen.java), then times SparkRows' passes on it (RocCost.java).
# Needs: scripts/spark-connect-local.sh start, and ./mvnw -B -DskipTests package (or compile).
# Usage: bench/spark/roc-cost.sh [N=4000000] [D=20] [REMOTE=sc://127.0.0.1:15002]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-4000000}; d=${2:-20}; remote=${3:-sc://127.0.0.1:15002}
work=${BENCH_SPARK_DIR:-/tmp/logreg-bench-spark}
mkdir -p "$work/classes"
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/app-cp.txt"
app_cp="target/classes:$(cat "$work/app-cp.txt")"
javac -d "$work/classes" -cp "$app_cp" bench/spark/Gen.java bench/spark/RocCost.java
file="file://$work/rows-$n-$d.parquet"
echo "== writing $n x $d to $file"
BENCH_SPARK_REMOTE="$remote" java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$app_cp:$work/classes" \
  Gen "$n" "$d" "$file" 2>/dev/null | grep wrote
echo "== passes at Gen's coefficients"
java --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g \
  -cp "$app_cp:$work/classes" RocCost "$file" "$d" "$remote" 2>/dev/null | grep -E '^(open|round)'
