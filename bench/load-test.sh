#!/usr/bin/env bash
# Load test (not in CI; BENCHMARKS.md, "Predictions under load"): wrk against GET predict and
# against trivial endpoints of the same server, then against GET predict again while trainings
# run back to back. Prints requests/s and the ratios; the target is predict / trivial >= 0.8.
# Installs Debian's wrk if it is missing. About a minute and a half; run it on an idle machine.
#
#   bench/load-test.sh                      # defaults below; override with the environment:
#   PORT=18080 DURATION=15s WRK_THREADS=1 CONNECTIONS=32 TRAINERS=2 bench/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
DURATION=${DURATION:-15s}
WRK_THREADS=${WRK_THREADS:-1}
CONNECTIONS=${CONNECTIONS:-32}
TRAINERS=${TRAINERS:-$(nproc)}
BASE="http://127.0.0.1:$PORT"

if ! command -v wrk >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
fi
jar=target/logreg-service-0.1.0.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
service_pid=""
trainer_pids=()
cleanup() {
    touch "$work/stop"
    for pid in "${trainer_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g -jar "$jar" --server.address=127.0.0.1 --server.port="$PORT" \
    >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
    curl -sf "$BASE/actuator/health" >/dev/null && break
    sleep 0.5
done
curl -sf "$BASE/actuator/health" >/dev/null || { echo "the service did not start:"; tail -30 "$work/service.log"; exit 1; }

mtcars='{"name":"mtcars-am","featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],[110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19],[95,3.15],[123,3.44],[123,3.44],[180,4.07],[180,3.73],[180,3.78],[205,5.25],[215,5.424],[230,5.345],[66,2.2],[52,1.615],[65,1.835],[97,2.465],[150,3.52],[150,3.435],[245,3.84],[175,3.845],[66,1.935],[91,2.14],[113,1.513],[264,3.17],[175,2.77],[335,3.57],[109,2.78]],"labels":[1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,1,1,1,1,1,1,1]}'
id=$(curl -sf -X POST "$BASE/models" -H 'Content-Type: application/json' -d "$mtcars" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
predict="$BASE/models/$id/predict?features=110,2.62"
curl -sf "$predict" >/dev/null

# requests/s of one wrk run, its full output appended to the log
rate() {
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2" --latency "$1" | tee -a "$work/wrk.log" |
        awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx answers: " $0 > "/dev/stderr"}'
}
echo "== warm-up (JIT): 5 s on each endpoint"
rate "$predict" 5s >/dev/null
rate "$BASE/actuator/health" 5s >/dev/null
rate "$BASE/actuator/health/liveness" 5s >/dev/null

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, one endpoint at a time"
health=$(rate "$BASE/actuator/health" "$DURATION")
liveness=$(rate "$BASE/actuator/health/liveness" "$DURATION")
idle=$(rate "$predict" "$DURATION")

echo "== the same GET predict while $TRAINERS clients train back to back (20000 x 10 rows each)"
python3 - "$work/train.json" <<'EOF'
import json, math, random, sys
rng = random.Random(7)
rows, labels = [], []
for _ in range(20000):
    x = [rng.gauss(0, 1) for _ in range(10)]
    u = 0.2 + sum((j % 4 - 1.5) * 0.4 * v for j, v in enumerate(x))
    rows.append([round(v, 6) for v in x])
    labels.append(1 if rng.random() < 1 / (1 + math.exp(-u)) else 0)
json.dump({"features": rows, "labels": labels}, open(sys.argv[1], "w"))
EOF
for t in $(seq 1 "$TRAINERS"); do
    (while [ ! -e "$work/stop" ]; do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST "$BASE/models" -H 'Content-Type: application/json' \
            --data-binary @"$work/train.json" >>"$work/trainings-$t"
    done) &
    trainer_pids+=($!)
done
sleep 2
busy=$(rate "$predict" "$DURATION")
touch "$work/stop"
wait "${trainer_pids[@]}" 2>/dev/null || true
trainer_pids=()
trained=$(cat "$work"/trainings-* | grep -c '^201$' || true)
refused=$(cat "$work"/trainings-* | grep -vc '^201$' || true)

echo
echo "== requests/s"
printf '%-44s %10.0f\n' "GET /actuator/health" "$health" "GET /actuator/health/liveness" "$liveness" \
    "GET /models/{id}/predict" "$idle" "GET /models/{id}/predict, trainings running" "$busy"
echo "== ratios (target >= 0.8)"
awk -v p="$idle" -v h="$health" -v l="$liveness" -v b="$busy" 'BEGIN {
    printf "predict / health                          %6.2f\n", p / h
    printf "predict / liveness                        %6.2f\n", p / l
    printf "predict while training / predict idle     %6.2f\n", b / p }'
echo "trainings during the busy run: $trained stored, $refused refused (503)"
grep -h -A4 'Latency Distribution' "$work/wrk.log" | tail -5
