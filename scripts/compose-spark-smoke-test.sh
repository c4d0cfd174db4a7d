#!/usr/bin/env bash
# Smoke test of docker-compose.yml's "spark" profile: builds the Spark Connect server's image
# (docker/spark, Spark's jars copied by Maven) and the service's image on the local JRE 17 base
# image, brings up both containers with LOGREG_SPARK_REMOTE=sc://spark:15002 and a data directory
# mounted into the Spark container as /data, then over the service's published port trains on a
# Parquet file (Snappy) and a CSV file there (POST /models with a source, GET /jobs/{id} until
# SUCCEEDED), checks both models against the in-memory fit of the same rows, predicts, checks
# that a missing file ends its job FAILED with a problem naming the file, stops the stack and
# takes it down (containers, network, model volume) whatever happens.
#
#   bash scripts/compose-spark-smoke-test.sh
#
# Uses `docker compose` (v2) when present, else `docker-compose` (v1; Debian 12 has 1.29). Installs
# docker.io, docker-compose, debootstrap and curl from Debian when missing, starts dockerd when
# none runs (and stops that one at exit), builds local/jre17 once (scripts/docker-local.sh) and
# the jar when target/ has none. Replaces docker/spark/jars with the jars scripts/spark/pom.xml
# resolves. The containers talk on the Compose network; the test reaches the service on
# 127.0.0.1 through the published port.
# Last line on success: "compose spark smoke test: 1 passed, 0 failed"; non-zero exit on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/docker-local.sh

PROJECT=logreg-spark-smoke-$$       # the Compose project: its containers, network and volume
ROWS=2000                           # rows of the generated CSV file
JOB_TIMEOUT=240                     # seconds a training job may take
work=$(mktemp -d /tmp/logreg-compose-spark.XXXXXX)
rootfs="$work/rootfs"
compose_cmd=()
project_up=""
t0=$SECONDS

log() { printf '[%4ds] %s\n' "$((SECONDS - t0))" "$*"; }

fail() {
  echo "compose spark smoke test: FAILED: $*" >&2
  if [ -n "$project_up" ]; then
    for service in spark logreg; do
      echo "--- last lines of the log of the $service container ---" >&2
      compose logs --no-color --tail 40 "$service" >&2 2>&1 || true
    done
  fi
  echo "compose spark smoke test: 0 passed, 1 failed" >&2
  exit 1
}

compose() { "${compose_cmd[@]}" -p "$PROJECT" -f docker-compose.yml --profile spark "$@"; }

cleanup() {
  local rc=$?
  set +e
  if [ -n "$project_up" ]; then compose down -v --remove-orphans -t 10 > /dev/null 2>&1; fi
  unmount_under "$rootfs"
  stop_started_dockerd
  rm -rf --one-file-system "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools ------------------------------------------------------------------------------------
if ! docker compose version > /dev/null 2>&1 && ! command -v docker-compose > /dev/null; then
  install_docker_tools docker-compose
else
  # shellcheck disable=SC2119  # no packages beyond the engine's
  install_docker_tools
fi
command -v python3 > /dev/null || fail "python3 is needed to write the data and read JSON"
if docker compose version > /dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi

docker_engine_up
jre17_base_image "$rootfs"
log "using $("${compose_cmd[@]}" version 2>/dev/null | head -1) on Docker $(docker version -f '{{.Server.Version}}')"

# ---- what the images are built from -----------------------------------------------------------
find_service_jar

# A fresh copy, so no jar of another Spark version stays on the server's classpath.
rm -rf docker/spark/jars
./mvnw -B -q -f scripts/spark/pom.xml dependency:copy-dependencies -DoutputDirectory=../../docker/spark/jars \
  > "$work/maven.log" 2>&1 || { tail -30 "$work/maven.log" >&2; fail "copying Spark's jars into docker/spark/jars failed"; }
log "Spark's jars in docker/spark/jars: $(find docker/spark/jars -name '*.jar' | wc -l) files, $(du -sh docker/spark/jars | cut -f1)"

# The data directory, mounted as /data: the executors (uid 10002 in the container) read it, so it
# and the files must be readable by others. The same rows as CSV and as Parquet (written here:
# Debian 12 has no pyarrow) with Snappy pages, which the executors decode with snappy-java's
# native library, unpacked into the container's /tmp: noexec there fails every Parquet read.
data="$work/data"
mkdir -m 0755 "$data"
python3 - "$data" "$ROWS" <<'EOF'
import math, random, struct, sys

def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return out

# Thrift's compact protocol, enough for Parquet's footer and page headers: a struct is a list of
# (field id, kind, value) in increasing id order; kind is i32, i64, str, struct or (list, kind).
TYPES = {"i32": 5, "i64": 6, "str": 8, "list": 9, "struct": 12}

def value(kind, v):
    if kind in ("i32", "i64"):
        return varint((v << 1) ^ (v >> 63))
    if kind == "str":
        return varint(len(v)) + v.encode()
    if kind == "struct":
        out, last = bytearray(), 0
        for fid, k, x in v:
            out.append((fid - last) << 4 | TYPES[k if isinstance(k, str) else "list"])
            out += value(k, x)
            last = fid
        return out + b"\0"
    _, element = kind
    out = bytearray([len(v) << 4 | TYPES[element]] if len(v) < 15 else [0xF0 | TYPES[element]] + list(varint(len(v))))
    for x in v:
        out += value(element, x)
    return out

def snappy(data):
    # Snappy's block format with literals only: valid input for any decoder.
    out = varint(len(data))
    for i in range(0, len(data), 65536):
        chunk = data[i:i + 65536]
        n = len(chunk) - 1
        out += bytes([n << 2]) if n < 60 else bytes([60 << 2, n]) if n < 256 else bytes([61 << 2]) + n.to_bytes(2, "little")
        out += chunk
    return out

# One row group, one data page per column, every column REQUIRED DOUBLE (so no definition or
# repetition levels), PLAIN values, Snappy pages.
def write_parquet(path, names, columns):
    rows = len(columns[0])
    body, chunks = bytearray(b"PAR1"), []
    for name, column in zip(names, columns):
        plain = struct.pack("<%dd" % rows, *column)
        compressed = snappy(plain)
        # PageHeader: DATA_PAGE, sizes, DataPageHeader (values, PLAIN, RLE levels).
        header = value("struct", [(1, "i32", 0), (2, "i32", len(plain)), (3, "i32", len(compressed)),
                                  (5, "struct", [(1, "i32", rows), (2, "i32", 0), (3, "i32", 3), (4, "i32", 3)])])
        offset = len(body)
        body += header + compressed
        # ColumnChunk: file offset, ColumnMetaData (DOUBLE, [PLAIN], path, SNAPPY, values, sizes,
        # data page offset).
        chunks.append([(2, "i64", offset), (3, "struct", [
            (1, "i32", 5), (2, ("list", "i32"), [0]), (3, ("list", "str"), [name]), (4, "i32", 1),
            (5, "i64", rows), (6, "i64", len(header) + len(plain)), (7, "i64", len(header) + len(compressed)),
            (9, "i64", offset)])])
    # FileMetaData: version, schema (a root and the columns), rows, the row group.
    schema = [[(4, "str", "schema"), (5, "i32", len(names))]] + [[(1, "i32", 5), (3, "i32", 0), (4, "str", n)] for n in names]
    footer = value("struct", [(1, "i32", 1), (2, ("list", "struct"), schema), (3, "i64", rows),
                              (4, ("list", "struct"), [[(1, ("list", "struct"), chunks), (2, "i64", len(body) - 4), (3, "i64", rows)]])])
    with open(path, "wb") as f:
        f.write(body + footer + struct.pack("<i", len(footer)) + b"PAR1")

directory, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
data = []
for _ in range(rows):
    age, price = round(random.uniform(18, 70), 4), round(random.uniform(1, 100), 4)
    z = -1.0 + 0.03 * (age - 40) - 0.02 * (price - 50)
    data.append((age, price, 1.0 if random.random() < 1 / (1 + math.exp(-z)) else 0.0))
with open(directory + "/clicks.csv", "w") as f:
    f.write("age,price,clicked\n")
    f.writelines("%r,%r,%d\n" % (a, p, y) for a, p, y in data)
write_parquet(directory + "/clicks.parquet", ["age", "price", "clicked"], list(zip(*data)))
EOF
chmod 0644 "$data"/clicks.*

# ---- build and start the stack ----------------------------------------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export PORT BASE_IMAGE="$JRE17_BASE_IMAGE" SPARK_DATA="$data" LOGREG_SPARK_REMOTE=sc://spark:15002
PORT=$(free_port)
base="http://127.0.0.1:$PORT"

build_t0=$SECONDS
compose build > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "compose build failed"; }
log "images built in $((SECONDS - build_t0))s: $(docker image inspect -f '{{.Size}}' logreg-spark-connect:4.2.0 | awk '{printf "%d MB", $1 / 1e6}') Spark Connect, $(docker image inspect -f '{{.Size}}' logreg-service:0.1.0 | awk '{printf "%d MB", $1 / 1e6}') service"
project_up=yes
up_t0=$SECONDS
compose up -d > "$work/up.log" 2>&1 || { tail -30 "$work/up.log" >&2; fail "compose up failed"; }
spark=$(compose ps -q spark)
service=$(compose ps -q logreg)
if [ -z "$spark" ] || [ -z "$service" ]; then fail "compose up did not create both the spark and the logreg container"; fi

# wait_ready NAME CONTAINER PROBE...: until the probe command succeeds (180s at most; polled every
# second, quicker than Docker's health checks every 10s), failing at once if the container stops
# or restarts.
wait_ready() {
  local name=$1 container=$2 state
  shift 2
  for _ in $(seq 1 180); do
    state=$(docker inspect -f '{{.State.Status}} {{.RestartCount}}' "$container")
    [ "$state" = "running 0" ] || fail "the $name container is not running as it should (status, restarts: $state)"
    if "$@" > /dev/null 2>&1; then
      log "$name container ready after $((SECONDS - up_t0))s"
      return 0
    fi
    sleep 1
  done
  fail "the $name container was not ready within 180s"
}
service_up() { curl -fsS --max-time 3 "$base/actuator/health" | grep -q '"status":"UP"'; }
wait_ready logreg "$service" service_up
wait_ready spark "$spark" docker exec "$spark" bash -c 'exec 3<>/dev/tcp/127.0.0.1/15002'

# Hardened like the service: not root, read-only root file system.
uid=$(docker exec "$spark" id -u) || fail "docker exec id -u in the spark container failed"
[ "$uid" != 0 ] || fail "the spark container runs as root"
[ "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$spark")" = true ] || fail "the spark container's root file system is writable"

# ---- a training on the file, through the service's API ----------------------------------------
# json FILE EXPRESSION: prints a Python expression over the parsed document d.
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# submit BODY: POST /models with a source; prints the job's id after checking 202 and Location.
submit() {
  local status
  status=$(curl -sS --max-time 60 -D "$work/headers" -o "$work/submitted.json" -w '%{http_code}' \
    -X POST "$base/models" -H 'Content-Type: application/json' -d "$1") || fail "POST /models with a source: no answer"
  [ "$status" = 202 ] || fail "POST /models with a source answered $status, expected 202: $(head -c 2000 "$work/submitted.json")"
  id=$(json "$work/submitted.json" 'd["id"]') || fail "POST /models with a source: no job id: $(head -c 2000 "$work/submitted.json")"
  grep -qi "^location: /jobs/$id" "$work/headers" || fail "POST /models with a source: no Location /jobs/$id header"
  echo "$id"
}

# finish JOB: GET /jobs/JOB until its state is final (JOB_TIMEOUT seconds at most); the job in
# $work/job.json.
finish() {
  local job=$1 started=$SECONDS state
  while :; do
    curl -fsS --max-time 10 -o "$work/job.json" "$base/jobs/$job" || fail "GET /jobs/$job failed"
    state=$(json "$work/job.json" 'd["state"]')
    case "$state" in SUCCEEDED | FAILED | CANCELLED) break ;; esac
    ((SECONDS - started < JOB_TIMEOUT)) || fail "job $job still $state after ${JOB_TIMEOUT}s: $(head -c 2000 "$work/job.json")"
    sleep 1
  done
  log "job $job: $state after $((SECONDS - started))s"
}

# The in-memory fit of the CSV file, sent in the request: what every fit on Spark must equal.
status=$(curl -sS --max-time 60 -o "$work/in-memory.json" -w '%{http_code}' -X POST "$base/models?label=clicked" \
  -H 'Content-Type: text/csv' --data-binary @"$data/clicks.csv") || fail "POST /models with the CSV file: no answer"
[ "$status" = 201 ] || fail "POST /models with the CSV file answered $status, expected 201: $(head -c 2000 "$work/in-memory.json")"

# train_on FORMAT: trains on file:///data/clicks.FORMAT through Spark and checks the model: all
# rows, converged, the in-memory fit's intercept and coefficients to 1e-8 relative. Sets model.
train_on() {
  local format=$1 job difference
  job=$(submit '{"name":"clicks-'"$format"'","source":{"uri":"file:///data/clicks.'"$format"'","format":"'"$format"'","label":"clicked","features":["age","price"]}}')
  log "POST /models with source file:///data/clicks.$format -> 202, job $job"
  finish "$job"
  [ "$(json "$work/job.json" 'd["state"]')" = SUCCEEDED ] || fail "job $job on clicks.$format did not succeed: $(head -c 2000 "$work/job.json")"
  model=$(json "$work/job.json" 'd["modelId"]')
  curl -fsS --max-time 10 -o "$work/model.json" "$base/models/$model" || fail "GET /models/$model failed"
  [ "$(json "$work/model.json" 'd["training"]["numSamples"]')" = "$ROWS" ] \
    || fail "model $model was fitted on $(json "$work/model.json" 'd["training"]["numSamples"]') rows of clicks.$format, expected $ROWS"
  [ "$(json "$work/model.json" 'd["training"]["converged"]')" = True ] || fail "model $model (clicks.$format) did not converge"
  difference=$(python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
x, y = [a["intercept"]] + a["coefficients"], [b["intercept"]] + b["coefficients"]
print("%.1e" % max(abs(u - v) / max(abs(v), 1e-300) for u, v in zip(x, y)))' "$work/model.json" "$work/in-memory.json")
  python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= 1e-8 else 1)' "$difference" \
    || fail "the fit on clicks.$format differs from the in-memory fit by $difference relative (intercept, coefficients): $(head -c 600 "$work/model.json")"
  log "model $model: $ROWS rows of clicks.$format, coefficients $(json "$work/model.json" 'd["coefficients"]'); in-memory fit within $difference relative"
}
train_on parquet
train_on csv

status=$(curl -sS --max-time 30 -o "$work/prediction.json" -w '%{http_code}' "$base/models/$model/predict?features=40,50") \
  || fail "GET /models/$model/predict: no answer"
[ "$status" = 200 ] || fail "GET /models/$model/predict answered $status, expected 200: $(head -c 2000 "$work/prediction.json")"
probability=$(python3 -c '
import json, math, sys
p = json.load(open(sys.argv[1])).get("probability")
if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p) or not 0 <= p <= 1:
    sys.exit("probability %r is not a number in [0, 1]" % (p,))
print(p)' "$work/prediction.json") || fail "GET /models/$model/predict: bad body: $(head -c 2000 "$work/prediction.json")"
log "GET /models/$model/predict?features=40,50 -> 200, probability $probability"

# ---- a missing file fails its job without telling whether it exists; a source elsewhere is 403 --
job=$(submit '{"source":{"uri":"file:///data/no-such-file.csv","format":"csv","label":"clicked"}}')
finish "$job"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
e = d.get("error") or {}
ok = (d.get("state") == "FAILED" and d.get("modelId") is None
      and e.get("type") == "urn:logreg:problem:invalid-request" and "cannot be read" in (e.get("detail") or ""))
sys.exit(0 if ok else 1)' "$work/job.json" \
  || fail "a missing file should end the job FAILED with an invalid-request problem on source.uri: $(head -c 2000 "$work/job.json")"
log "missing file: job FAILED, $(json "$work/job.json" 'd["error"]["detail"]')"
status=$(curl -s -o "$work/refused.json" -w '%{http_code}' "$base/models" -H 'Content-Type: application/json' \
  -d '{"source":{"uri":"file:///data/../etc/passwd","format":"csv","label":"x"}}')
[[ "$status" == 403 ]] || fail "a source outside file:///data/ should get 403, got $status: $(head -c 2000 "$work/refused.json")"
log "file:///data/../etc/passwd -> 403"

# ---- Docker's health checks (docker-compose.yml's) pass; none restarted -----------------------
for c in "$spark" "$service"; do
  state=""
  for _ in $(seq 1 60); do
    state=$(docker inspect -f '{{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$c")
    [ "$state" = "0 starting" ] || break
    sleep 1
  done
  [ "$state" = "0 healthy" ] || fail "container $(docker inspect -f '{{.Name}}' "$c"): restarts and health '$state', expected '0 healthy'"
done
log "docker health status: both containers healthy"

# ---- stop: both JVMs end on SIGTERM ------------------------------------------------------------
stop_t0=$SECONDS
compose stop > "$work/stop.log" 2>&1 || { cat "$work/stop.log" >&2; fail "compose stop failed"; }
for c in "$spark" "$service"; do
  code=$(docker inspect -f '{{.State.ExitCode}}' "$c")
  case "$code" in 0 | 143) ;; *) fail "$(docker inspect -f '{{.Name}}' "$c") exited with $code on SIGTERM (137: Docker had to kill it)" ;; esac
done
log "compose stop: both containers ended on SIGTERM in $((SECONDS - stop_t0))s"
compose down -v --remove-orphans > "$work/down.log" 2>&1 || { cat "$work/down.log" >&2; fail "compose down failed"; }
project_up=""
left=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")
[ -z "$left" ] || fail "containers of $PROJECT left after compose down: $left"

log "all checks passed in $((SECONDS - t0))s"
echo "compose spark smoke test: 1 passed, 0 failed"
