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
# SPARK_CONNECT_START_TIMEOUT seconds (180), SPARK_CONNECT_JAVA_OPTS (more options for the server's JVM).
#
# The JVM's command and Spark's settings are in docker/spark/spark-connect-server.sh, shared
# with the container image of docker compose's spark profile.
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
  mkdir -p "$state"
  local started=$SECONDS
  # Resolve the server's classpath (downloads Spark's jars on the first run).
  ./mvnw -B -q -f scripts/spark/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$state/classpath.txt" >"$state/maven.log" 2>&1 \
    || { cat "$state/maven.log" >&2; echo "could not resolve Spark's jars" >&2; return 1; }
  echo "Spark jars resolved in $((SECONDS - started)) s"
  SPARK_CLASSPATH="$(cat "$state/classpath.txt")" SPARK_CONNECT_STATE="$state" SPARK_CONNECT_PORT="$port" \
    nohup docker/spark/spark-connect-server.sh >"$log_file" 2>&1 </dev/null &
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
