#!/usr/bin/env bash
# Load test of the shared PostgreSQL store (not in CI; BENCHMARKS.md, "Predictions with the shared
# store"): wrk against GET predict on
#   memory     one replica with the default in-memory store,
#   db-1       one replica on PostgreSQL (the model cached, as every replica has it after one read),
#   db-2       two replicas on the same PostgreSQL at once, half the connections each (their sum),
# in ROUNDS interleaved rounds, so that a change in the machine's load hits every setup alike.
# Every setup gets the same client: two wrk processes (-t1, half the connections each) at once,
# since one wrk thread alone tops out near the service's rate.
# Target: db / memory >= 0.9. Installs Debian's wrk if missing; needs Debian's PostgreSQL 15
# (apt-get install postgresql), started here as the postgres user on a free loopback port and
# stopped by its data directory. Run as root on an idle machine; about 3 minutes.
#
#   bench/load-test-replicas.sh
#   DURATION=15s CONNECTIONS=32 ROUNDS=3 bench/load-test-replicas.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-5}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
HEAP=${HEAP:-512m}

if ! command -v wrk >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
fi
[ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL in $PG_BIN: apt-get install postgresql"; exit 1; }
jar=target/logreg-service-0.1.0.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d)
chmod 755 "$work"
pids=()
pg_started=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [ -n "$pg_started" ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgsocket" && chown postgres:postgres "$work/pg" "$work/pgsocket"
runuser -u postgres -- "$PG_BIN/initdb" -D "$work/pg" --auth=trust -U postgres >"$work/initdb.log"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pgsocket/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/pgsocket" start >/dev/null
pg_started=yes
db_url="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"

# start NAME ARGS...: a replica on a free port, its base URL left in $url (not printed: run in a
# command substitution, its PID would not reach the cleanup)
start() {
    local name=$1 port
    shift
    port=$(free_port)
    java --add-modules jdk.incubator.vector -Xmx"$HEAP" -jar "$jar" --server.address=127.0.0.1 \
        --server.port="$port" "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 240); do
        curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
        sleep 0.5
    done
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "$name did not start:" >&2; tail -30 "$work/$name.log" >&2; exit 1; }
    url="http://127.0.0.1:$port"
}
start memory
memory=$url
start db-1 --spring.datasource.url="$db_url"
db1=$url
start db-2 --spring.datasource.url="$db_url"
db2=$url

mtcars='{"name":"mtcars-am","featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],[110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19],[95,3.15],[123,3.44],[123,3.44],[180,4.07],[180,3.73],[180,3.78],[205,5.25],[215,5.424],[230,5.345],[66,2.2],[52,1.615],[65,1.835],[97,2.465],[150,3.52],[150,3.435],[245,3.84],[175,3.845],[66,1.935],[91,2.14],[113,1.513],[264,3.17],[175,2.77],[335,3.57],[109,2.78]],"labels":[1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,1,1,1,1,1,1,1]}'
train() { curl -sf -X POST "$1/models" -H 'Content-Type: application/json' -d "$mtcars" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
memory_id=$(train "$memory")
db_id=$(train "$db1")          # stored in PostgreSQL by db-1, read (and cached) by db-2 below
query="predict?features=110,2.62"
[ "$(curl -sf "$db1/models/$db_id/$query")" = "$(curl -sf "$db2/models/$db_id/$query")" ] || { echo "the replicas disagree"; exit 1; }

# rate URL DURATION CONNECTIONS: requests/s of one wrk run; a non-2xx answer fails the test
rate() {
    local out
    out=$(wrk -t1 -c"$3" -d"$2" --latency "$1")
    echo "$out" >>"$work/wrk.log"
    if grep -q 'Non-2xx' <<<"$out"; then echo "non-2xx answers from $1" >&2; exit 1; fi
    awk '/Requests\/sec/ {print $2}' <<<"$out"
}
half=$((CONNECTIONS / 2))
# pair URL_A URL_B DURATION: the summed requests/s of two wrk -c$half at once, one on each URL
pair() {
    rate "$1" "$3" "$half" >"$work/a" &
    local first=$!
    rate "$2" "$3" "$half" >"$work/b"
    wait "$first"
    awk '{s += $1} END {print s}' "$work/a" "$work/b"
}
echo "== warm-up (JIT): 10 s on each replica"
pair "$memory/models/$memory_id/$query" "$memory/models/$memory_id/$query" 10s >/dev/null
pair "$db1/models/$db_id/$query" "$db2/models/$db_id/$query" 10s >/dev/null

echo "== $ROUNDS rounds of two wrk -t1 -c$half -d$DURATION at once (db-2: one on each replica)"
printf '%-6s %12s %12s %12s %14s\n' round memory db-1 db-2 "load average"
for round in $(seq 1 "$ROUNDS"); do
    m=$(pair "$memory/models/$memory_id/$query" "$memory/models/$memory_id/$query" "$DURATION")
    d1=$(pair "$db1/models/$db_id/$query" "$db1/models/$db_id/$query" "$DURATION")
    d2=$(pair "$db1/models/$db_id/$query" "$db2/models/$db_id/$query" "$DURATION")
    printf '%-6s %12.0f %12.0f %12.0f %14s\n' "$round" "$m" "$d1" "$d2" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$m $d1 $d2" >>"$work/rounds"
done
echo "== medians and ratios (target >= 0.90)"
python3 - "$work/rounds" <<'EOF'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
m, d1, d2 = (statistics.median(column) for column in zip(*rows))
print(f"memory {m:,.0f} req/s, db-1 {d1:,.0f} req/s, db-2 {d2:,.0f} req/s")
print(f"db-1 / memory {d1 / m:.3f}   db-2 / memory {d2 / m:.3f}")
print("per round: " + "  ".join(f"{r[1] / r[0]:.3f}/{r[2] / r[0]:.3f}" for r in rows))
EOF
grep -h -A4 'Latency Distribution' "$work/wrk.log" | tail -5
