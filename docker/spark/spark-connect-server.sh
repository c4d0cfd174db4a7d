#!/usr/bin/env bash
# Runs a Spark Connect server (Spark 4.2.0) in the foreground, master local-cluster[2,1,1024]: a
# master, a worker and two executor processes of 1 core and 1 GB, all on this machine. Used by
# scripts/spark-connect-local.sh (in the background, for tests) and by the image in this
# directory (docker compose --profile spark).
#
# Environment: SPARK_CLASSPATH (required: Spark's jars, absolute paths, ':'-separated),
# SPARK_CONNECT_STATE (required: a directory for Spark's scratch files), SPARK_CONNECT_PORT
# (15002), SPARK_CONNECT_BIND (127.0.0.1; 0.0.0.0 in a container), SPARK_CONNECT_DRIVER_MEMORY (768m),
# SPARK_CONNECT_JAVA_OPTS (more JVM options split at spaces, e.g. -Dspark.task.maxFailures=2).
#
# local-cluster mode is meant for Spark's own tests: it needs SPARK_TESTING, spark.testing,
# spark.test.home and an absolute classpath (internal switches: keep the version pinned). A scan
# splits into at least 4 partitions (spark.sql.files.minPartitionNum), so even small files are
# summed over 4 partitions, as a cluster's large files would be.
set -euo pipefail
: "${SPARK_CLASSPATH:?the jars of Spark}" "${SPARK_CONNECT_STATE:?a scratch directory}"
port="${SPARK_CONNECT_PORT:-15002}"
bind="${SPARK_CONNECT_BIND:-127.0.0.1}"
mkdir -p "$SPARK_CONNECT_STATE/spark-home" "$SPARK_CONNECT_STATE/work" "$SPARK_CONNECT_STATE/tmp"
# The options Spark's launcher adds on Java 17 (JavaModuleOptions), which a plain java lacks.
module_options=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)
read -r -a extra_options <<<"${SPARK_CONNECT_JAVA_OPTS:-}"
export SPARK_TESTING=1 SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$SPARK_CONNECT_STATE/tmp"
# SparkConnectServer takes no arguments: its configuration goes in as spark.* system properties.
exec java "${module_options[@]}" \
  -Xmx"${SPARK_CONNECT_DRIVER_MEMORY:-768m}" \
  -Djava.io.tmpdir="$SPARK_CONNECT_STATE/tmp" \
  -Dspark.testing=true \
  -Dspark.test.home="$SPARK_CONNECT_STATE/spark-home" \
  -Dspark.master='local-cluster[2,1,1024]' \
  -Dspark.app.name=logreg-spark-connect \
  -Dspark.connect.grpc.binding.address="$bind" \
  -Dspark.connect.grpc.binding.port="$port" \
  -Dspark.driver.host=127.0.0.1 \
  -Dspark.driver.bindAddress=127.0.0.1 \
  -Dspark.ui.enabled=false \
  -Dspark.worker.dir="$SPARK_CONNECT_STATE/work" \
  -Dspark.local.dir="$SPARK_CONNECT_STATE/tmp" \
  -Dspark.sql.shuffle.partitions=4 \
  -Dspark.sql.files.minPartitionNum=4 \
  "${extra_options[@]}" \
  -cp "$SPARK_CLASSPATH" \
  org.apache.spark.sql.connect.service.SparkConnectServer
