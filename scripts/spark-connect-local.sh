#!/usr/bin/env bash
# A real Spark Connect server on this machine, for the integration tests and for trying the
# service's `source` trainings: one JVM running SparkConnectServer with master
# local-cluster[2,1,1024] (a master, a worker and two executor processes of 1 core and 1 GB),
# bound to 127.0.0.1. Spark 4.2.0's jars come from Maven Central (scripts/spark/pom.xml).
#
#   scripts/spark-connect-local.sh start   # returns once the server accepts connections
#   scripts/spark-connect-local.sh stop    # stops it by the PID it wrote
#   scripts/spark-connect-local.sh status
#
# Environment: SPARK_CONNECT_PORT (15002), SPARK_CONNECT_STATE (where the PID, log and Spark's
# scratch files go; /tmp/logreg-spark-connect-<port>), SPARK_CONNECT_DRIVER_MEMORY (768m),
# SPARK_CONNECT_START_TIMEOUT seconds (180).
#
# A scan splits into at least 4 partitions (spark.sql.files.minPartitionNum), so that even the
# tests' small files are summed over 4 partitions, as a cluster's large files would be.
#
# local-cluster mode is meant for Spark's own tests: it needs SPARK_TESTING, spark.testing,
# spark.test.home and an absolute classpath, which is why the version is pinned.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SPARK_CONNECT_PORT:-15002}"
state="${SPARK_CONNECT_STATE:-/tmp/logreg-spark-connect-$port}"
pid_file="$state/server.pid"
log_file="$state/server.log"
timeout="${SPARK_CONNECT_START_TIMEOUT:-180}"

running_pid() {
  if [[ -f "$pid_file" ]]; then
    local pid
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      echo "$pid"
      return 0
    fi
  fi
  return 1
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

start() {
  if pid="$(running_pid)"; then
    echo "Spark Connect server already running (PID $pid) on sc://127.0.0.1:$port"
    return 0
  fi
  if port_open; then
    echo "port $port on 127.0.0.1 is taken by another process; set SPARK_CONNECT_PORT" >&2
    return 1
  fi
  mkdir -p "$state/spark-home" "$state/work" "$state/tmp"
  local started=$SECONDS
  # Resolve the server's classpath (downloads Spark's jars on the first run).
  ./mvnw -B -q -f scripts/spark/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$state/classpath.txt" >"$state/maven.log" 2>&1 \
    || { cat "$state/maven.log" >&2; echo "could not resolve Spark's jars" >&2; return 1; }
  echo "Spark jars resolved in $((SECONDS - started)) s"
  # SparkConnectServer takes no arguments: its configuration goes in as spark.* system properties.
  # The options Spark's launcher adds on Java 17 (JavaModuleOptions), which a plain java lacks.
  local module_options=(
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
  SPARK_TESTING=1 SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$state/tmp" \
    nohup java "${module_options[@]}" \
    -Xmx"${SPARK_CONNECT_DRIVER_MEMORY:-768m}" \
    -Djava.io.tmpdir="$state/tmp" \
    -Dspark.testing=true \
    -Dspark.test.home="$state/spark-home" \
    -Dspark.master='local-cluster[2,1,1024]' \
    -Dspark.app.name=logreg-spark-connect-local \
    -Dspark.connect.grpc.binding.address=127.0.0.1 \
    -Dspark.connect.grpc.binding.port="$port" \
    -Dspark.driver.host=127.0.0.1 \
    -Dspark.driver.bindAddress=127.0.0.1 \
    -Dspark.ui.enabled=false \
    -Dspark.worker.dir="$state/work" \
    -Dspark.local.dir="$state/tmp" \
    -Dspark.sql.shuffle.partitions=4 \
    -Dspark.sql.files.minPartitionNum=4 \
    -cp "$(cat "$state/classpath.txt")" \
    org.apache.spark.sql.connect.service.SparkConnectServer \
    >"$log_file" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  while ! port_open; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Spark Connect server exited during start-up; last lines of $log_file:" >&2
      tail -n 40 "$log_file" >&2
      rm -f "$pid_file"
      return 1
    fi
    if ((SECONDS - started > timeout)); then
      echo "Spark Connect server not ready after $timeout s; stopping it. Log: $log_file" >&2
      stop
      return 1
    fi
    sleep 1
  done
  echo "Spark Connect server ready on sc://127.0.0.1:$port (PID $pid) after $((SECONDS - started)) s; log: $log_file"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "no Spark Connect server running from $pid_file"
    rm -f "$pid_file"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "PID $pid still running after 30 s; sending SIGKILL" >&2
    kill -9 "$pid"
  fi
  rm -f "$pid_file"
  echo "Spark Connect server (PID $pid) stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (PID $pid) on sc://127.0.0.1:$port"
  else
    echo "not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
