#!/usr/bin/env bash
# Runs the service, puts Prism's validating proxy in front of it with the service's own OpenAPI
# document, and sends documented requests through it: any response that breaks the document fails.
# Everything stays on 127.0.0.1. Needs node/npm (the registry is reachable) and a built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jar=$(ls target/logreg-service-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
[ -n "$jar" ] || { ./mvnw -B -q -DskipTests package; jar=$(ls target/logreg-service-*.jar | head -n 1); }
(cd scripts/openapi && npm install --no-audit --no-fund --silent)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
proxy_port=$(free_port)
work=$(mktemp -d)
cleanup() {
  [ -n "${prism_pid:-}" ] && kill "$prism_pid" 2>/dev/null || true
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED -jar "$jar" --server.address=127.0.0.1 --server.port="$app_port" \
  > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$app_port/actuator/health" > /dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$app_port/v3/api-docs" > "$work/openapi.json"
cp "$work/openapi.json" target/openapi.json

"$root/scripts/openapi/node_modules/.bin/prism" proxy "$work/openapi.json" "http://127.0.0.1:$app_port" \
  --host 127.0.0.1 --port "$proxy_port" > "$work/prism.log" 2>&1 &
prism_pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$proxy_port/models" 2>/dev/null && break
  kill -0 "$prism_pid" 2>/dev/null || { cat "$work/prism.log"; exit 1; }
  sleep 0.5
done
python3 scripts/openapi/conformance.py "http://127.0.0.1:$proxy_port"
