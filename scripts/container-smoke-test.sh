#!/usr/bin/env bash
# Container smoke test: builds the service's image on a locally made JRE 17 base image (no image
# registry is reachable here, so FROM cannot pull), runs it on the host network bound to
# 127.0.0.1, trains a model and predicts over HTTP, checks Docker's health status, the non-root
# user, the JVM flags, the memory sizing and the request size limit, stops it gracefully, starts
# a second container on the same model volume with API keys on and finds the model there, and
# removes the containers and the volume whatever happens.
#
#   bash scripts/container-smoke-test.sh
#
# Installs docker.io and debootstrap from Debian when missing, starts dockerd when none runs (and
# stops that one at exit), builds local/jre17 with debootstrap once (later runs reuse it) and
# builds the jar when target/ has none. All traffic stays on 127.0.0.1.
# Last line on success: "container smoke test: 1 passed, 0 failed"; non-zero exit on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/docker-local.sh

BASE_IMAGE=$JRE17_BASE_IMAGE
IMAGE=logreg-service:smoke-test
CONTAINER=logreg-smoke-test-$$
CONTAINER2=logreg-smoke-test-$$-restarted
VOLUME=logreg-smoke-test-models-$$   # the model store (LOGREG_STORE_DIRECTORY), shared by both
MEMORY=1g                           # the container's limit; the heap should come out at 75%
MAX_REQUEST_SIZE=1MB                # LOGREG_MAXREQUESTSIZE for the run; a larger body must get 413
work=$(mktemp -d /tmp/logreg-smoke.XXXXXX)
rootfs="$work/rootfs"
containers=()                       # every container started, removed at exit
current=""                          # the one whose log a failure shows
volume_used=""
t0=$SECONDS

log() { printf '[%4ds] %s\n' "$((SECONDS - t0))" "$*"; }

fail() {
  echo "container smoke test: FAILED: $*" >&2
  if [ -n "$current" ]; then
    echo "--- last lines of the log of $current ---" >&2
    docker logs --tail 60 "$current" >&2 2>&1 || true
  fi
  echo "container smoke test: 0 passed, 1 failed" >&2
  exit 1
}

cleanup() {
  local rc=$?
  set +e
  for c in "${containers[@]}"; do docker rm -f "$c" > /dev/null 2>&1; done
  if [ -n "$volume_used" ]; then docker volume rm -f "$VOLUME" > /dev/null 2>&1; fi
  unmount_under "$rootfs"
  stop_started_dockerd
  rm -rf --one-file-system "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools ------------------------------------------------------------------------------------
# shellcheck disable=SC2119  # no packages beyond the engine's
install_docker_tools
command -v python3 > /dev/null || fail "python3 is needed to read JSON"

# ---- Docker engine and the base image: JRE 17 on Debian minbase ------------------------------
docker_engine_up
jre17_base_image "$rootfs"

# ---- the service's image ----------------------------------------------------------------------
find_service_jar

log "building $IMAGE from $service_jar on $BASE_IMAGE"
build_t0=$SECONDS
docker build --network host --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" . > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; fail "docker build failed"; }
log "image built in $((SECONDS - build_t0))s"

# ---- run it on 127.0.0.1 ----------------------------------------------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_container NAME PORT [docker run options...]: host network so every packet stays on
# loopback (-p would route through a bridge network), the service bound to 127.0.0.1, the same
# hardening as docker-compose.yml (read-only root, /tmp as tmpfs, no capabilities) and its model
# volume.
start_container() {
  local name=$1 port=$2
  shift 2
  containers+=("$name")
  volume_used=yes
  docker run -d --name "$name" --network host \
    -e SERVER_ADDRESS=127.0.0.1 -e PORT="$port" \
    -v "$VOLUME:/var/lib/logreg" -e LOGREG_STORE_DIRECTORY=/var/lib/logreg \
    --memory "$MEMORY" --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges \
    "$@" "$IMAGE" > /dev/null || fail "docker run $name failed"
  current=$name
}

# wait_up NAME URL: until GET URL/actuator/health says UP (120s at most), failing at once if the
# container stops.
wait_up() {
  local name=$1 url=$2 started=$SECONDS
  for _ in $(seq 1 120); do
    [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] \
      || fail "$name stopped during start-up (exit code $(docker inspect -f '{{.State.ExitCode}}' "$name" 2>/dev/null))"
    if curl -fsS --max-time 3 "$url/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      log "$name: health endpoint UP after $((SECONDS - started))s"
      return 0
    fi
    sleep 1
  done
  fail "$name: GET /actuator/health did not report UP within 120s"
}

port=$(free_port)
base="http://127.0.0.1:$port"
start_container "$CONTAINER" "$port" \
  -e JAVA_OPTS="-Dlogreg.smoke-test=true" -e LOGREG_MAXREQUESTSIZE="$MAX_REQUEST_SIZE"
log "container $CONTAINER started, service on $base"
wait_up "$CONTAINER" "$base"

# Train.
body='{"featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],[110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19]],"labels":[1,1,1,0,0,0,0,1]}'
status=$(curl -sS --max-time 60 -o "$work/model.json" -w '%{http_code}' -X POST "$base/models" \
  -H 'Content-Type: application/json' -d "$body") || fail "POST /models: no answer"
[ "$status" = 201 ] || fail "POST /models answered $status, expected 201: $(head -c 2000 "$work/model.json")"
id=$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
i = m.get("id") if isinstance(m, dict) else None
if not isinstance(i, str) or not i: sys.exit("no \"id\" in the body")
print(i)' "$work/model.json") || fail "POST /models: bad body: $(head -c 2000 "$work/model.json")"
log "POST /models -> 201, model $id"

# Predict.
status=$(curl -sS --max-time 30 -o "$work/prediction.json" -w '%{http_code}' \
  "$base/models/$id/predict?features=110,2.62") || fail "GET /models/$id/predict: no answer"
[ "$status" = 200 ] || fail "GET /models/$id/predict answered $status, expected 200: $(head -c 2000 "$work/prediction.json")"
probability=$(python3 -c '
import json, math, sys
p = json.load(open(sys.argv[1])).get("probability")
if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p) or not 0 <= p <= 1:
    sys.exit("probability %r is not a number in [0, 1]" % (p,))
print(p)' "$work/prediction.json") || fail "GET /models/$id/predict: bad body: $(head -c 2000 "$work/prediction.json")"
log "GET /models/$id/predict?features=110,2.62 -> 200, probability $probability"

# LOGREG_MAXREQUESTSIZE reaches the service: a body over the limit gets 413.
python3 -c '
import sys
rows = ",".join("[%d,%d]" % (i, i + 1) for i in range(90000))
sys.stdout.write("{\"features\":[%s],\"labels\":[%s]}" % (rows, ",".join(["1"] * 90000)))' > "$work/big.json"
status=$(curl -sS --max-time 60 -o "$work/big-answer.json" -w '%{http_code}' -X POST "$base/models" \
  -H 'Content-Type: application/json' --data-binary @"$work/big.json") || fail "POST /models with a large body: no answer"
[ "$status" = 413 ] || fail "a $(stat -c %s "$work/big.json")-byte body with LOGREG_MAXREQUESTSIZE=$MAX_REQUEST_SIZE answered $status, expected 413"
log "a $(stat -c %s "$work/big.json")-byte body over LOGREG_MAXREQUESTSIZE=$MAX_REQUEST_SIZE -> 413"

# Docker's own health check (the image's HEALTHCHECK, bash /dev/tcp) reports healthy.
health=""
for _ in $(seq 1 60); do
  health=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$CONTAINER")
  case "$health" in healthy | unhealthy | none) break ;; esac
  sleep 2
done
[ "$health" = healthy ] || fail "docker health status is '$health', expected healthy; last probes: $(docker inspect -f '{{json .State.Health.Log}}' "$CONTAINER" 2>/dev/null | head -c 2000)"
log "docker health status: healthy"

# Not root: neither a shell started in the container nor the JVM (PID 1).
uid=$(docker exec "$CONTAINER" id -u) || fail "docker exec id -u failed"
[ "$uid" != 0 ] || fail "the container's user is root"
uids=$(docker exec "$CONTAINER" awk '/^Uid:/ {print $2, $3, $4, $5}' /proc/1/status) || fail "cannot read /proc/1/status"
for u in $uids; do [ "$u" != 0 ] || fail "PID 1 has a root uid (Uid: $uids)"; done
cmdline=$(docker exec "$CONTAINER" sh -c "tr '\\0' ' ' < /proc/1/cmdline") || fail "cannot read /proc/1/cmdline"
log "runs as uid $uid; PID 1: $cmdline"

# The JVM flags: PID 1 is java with the image's defaults and JAVA_OPTS.
for flag in -XX:MaxRAMPercentage=75 "--add-modules jdk.incubator.vector" --add-opens=java.base/java.nio=ALL-UNNAMED \
    -Dlogreg.smoke-test=true JarLauncher; do
  case "$cmdline" in *"$flag"*) ;; *) fail "PID 1's command line lacks $flag: $cmdline" ;; esac
done
case "$cmdline" in java\ * | */java\ *) ;; *) fail "PID 1 is not java: $cmdline" ;; esac

# Container-aware heap: the heap pools' maximum is about 75% of the memory limit.
curl -fsS --max-time 10 "$base/actuator/prometheus" > "$work/metrics.txt" || fail "GET /actuator/prometheus failed"
heap=$(python3 -c '
import re, sys
total = 0.0
for line in open(sys.argv[1]):
    m = re.match(r"jvm_memory_max_bytes\{([^}]*)\}\s+(\S+)", line)
    if m and "area=\"heap\"" in m.group(1) and float(m.group(2)) > 0:
        total += float(m.group(2))
print(int(total))' "$work/metrics.txt")
limit=$(docker inspect -f '{{.HostConfig.Memory}}' "$CONTAINER")
python3 -c 'import sys; h, l = int(sys.argv[1]), int(sys.argv[2]); sys.exit(0 if l > 0 and 0.6 * l <= h <= 0.85 * l else 1)' "$heap" "$limit" \
  || fail "heap maximum $heap bytes is not about 75% of the container's memory limit $limit bytes"
log "heap maximum $((heap / 1048576)) MiB under a $((limit / 1048576)) MiB limit"

# The Vector API kernel is in use (the service logs its choice at start-up).
kernel=$(docker logs "$CONTAINER" 2>&1 | grep -o 'X^T W X kernel: .*' | head -1 || true)
case "$kernel" in
  *"kernel: Vector API"*) log "$kernel" ;;
  "") log "note: the service logged no X^T W X kernel line" ;;
  *) fail "the service does not use the Vector API kernel: $kernel" ;;
esac

# A graceful stop (SIGTERM; Docker would SIGKILL after 40s), then a second container on the same
# volume with API keys on: the model is loaded from disk, health stays open, the API wants a key.
docker stop -t 40 "$CONTAINER" > /dev/null || fail "docker stop failed"
code=$(docker inspect -f '{{.State.ExitCode}}' "$CONTAINER")
case "$code" in 0 | 143) ;; *) fail "$CONTAINER exited with $code on SIGTERM (137 means Docker had to kill it)" ;; esac
log "$CONTAINER stopped gracefully (exit code $code)"
key=$(python3 -c 'import secrets; print("smoke-" + secrets.token_hex(16))')
port2=$(free_port)
base2="http://127.0.0.1:$port2"
start_container "$CONTAINER2" "$port2" -e LOGREG_SECURITY_ENABLED=true -e LOGREG_SECURITY_ADMINKEYS="$key"
wait_up "$CONTAINER2" "$base2"
status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$base2/models/$id") || fail "GET /models/$id: no answer"
[ "$status" = 401 ] || fail "with API keys on, GET /models/$id without a key answered $status, expected 401"
status=$(curl -sS --max-time 10 -o "$work/model2.json" -w '%{http_code}' -H "X-API-Key: $key" "$base2/models/$id") \
  || fail "GET /models/$id: no answer"
[ "$status" = 200 ] || fail "GET /models/$id with the admin key after a restart answered $status, expected 200 (the model should be on the volume): $(head -c 2000 "$work/model2.json")"
python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])).get("id") == sys.argv[2] else 1)' "$work/model2.json" "$id" \
  || fail "GET /models/$id after a restart returned another model"
log "$CONTAINER2 (same volume, API keys on): model $id loaded from disk; 401 without a key, 200 with one"

log "all checks passed in $((SECONDS - t0))s"
echo "container smoke test: 1 passed, 0 failed"
