#!/usr/bin/env bash
# Start-up against the smallest Spring Boot 4 web + actuator application (BENCHMARKS.md): both
# jars started with `java -jar` on 127.0.0.1, the time from the launch to the first 200 from
# /actuator/health, ROUNDS interleaved rounds (service, then the minimal app), medians and ratio.
# Builds both jars when missing. Run it on an otherwise idle machine; the load is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-5}
service_jar=$(ls target/logreg-service-*.jar 2>/dev/null | grep -v -e '-plain' | head -1 || true)
if [[ -z $service_jar ]]; then
    ./mvnw -B -q -DskipTests package
    service_jar=$(ls target/logreg-service-*.jar | head -1)
fi
minimal_jar=bench/startup/minimal/target/startup-minimal-0.1.0.jar
if [[ ! -f $minimal_jar ]]; then
    ./mvnw -B -q -f bench/startup/minimal/pom.xml -DskipTests package
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Seconds from `java -jar` to the first 200 from /actuator/health; the JVM is stopped after.
time_to_health() {
    local port pid start status
    port=$(free_port)
    start=$(date +%s.%N)
    java "$@" --server.address=127.0.0.1 --server.port="$port" --logging.level.root=WARN >/dev/null 2>&1 &
    pid=$!
    until status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health") \
        && [[ $status == 200 ]]; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "exited before answering: java $*" >&2; return 1; fi
        sleep 0.02
    done
    python3 -c "import sys; print(f'{$(date +%s.%N) - $start:.3f}')"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

service=() minimal=()
echo "load before: $(cat /proc/loadavg)"
for ((round = 1; round <= rounds; round++)); do
    s=$(time_to_health --add-modules jdk.incubator.vector -jar "$service_jar")
    m=$(time_to_health -jar "$minimal_jar")
    service+=("$s") minimal+=("$m")
    echo "round $round: service $s s, minimal $m s (load $(cut -d' ' -f1 /proc/loadavg))"
done
python3 - "${service[*]}" "${minimal[*]}" <<'PY'
import statistics, sys
service = [float(x) for x in sys.argv[1].split()]
minimal = [float(x) for x in sys.argv[2].split()]
s, m = statistics.median(service), statistics.median(minimal)
print(f"median: service {s:.3f} s, minimal {m:.3f} s, ratio {s / m:.2f}")
PY
