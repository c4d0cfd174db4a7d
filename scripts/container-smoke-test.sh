#!/usr/bin/env bash
# Builds the service's image on a locally made JRE 17 base image (no registry is reachable here),
# runs it on the host network bound to 127.0.0.1, trains and predicts over HTTP, checks the
# health status and that the process is not root, and cleans up. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=local/jre17
IMAGE=logreg-service:smoke-test
CONTAINER=logreg-smoke-test
work=$(mktemp -d)
started_dockerd=""

cleanup() {
  docker rm -f "$CONTAINER" > /dev/null 2>&1 || true
  if [ -n "$started_dockerd" ]; then
    kill "$started_dockerd" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "container smoke test: FAILED: $*" >&2; docker logs "$CONTAINER" 2>&1 | tail -40 >&2 || true; exit 1; }

if ! command -v dockerd > /dev/null || ! command -v debootstrap > /dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap > /dev/null
fi
if ! docker info > /dev/null 2>&1; then
  dockerd > "$work/dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 60); do docker info > /dev/null 2>&1 && break; sleep 1; done
  docker info > /dev/null 2>&1 || { cat "$work/dockerd.log" >&2; fail "dockerd did not start"; }
fi

if ! docker image inspect "$BASE_IMAGE" > /dev/null 2>&1; then
  echo "building $BASE_IMAGE with debootstrap (about a minute)"
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$rootfs/opt/java" && ln -sfn /usr/lib/jvm/java-17-openjdk-amd64 "$rootfs/opt/java/openjdk"
  tar -C "$rootfs" --numeric-owner -cf "$work/jre17.tar" .
  docker import -c 'ENV JAVA_HOME=/opt/java/openjdk' \
    -c 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' "$work/jre17.tar" "$BASE_IMAGE" > /dev/null
  rm -rf "$rootfs" "$work/jre17.tar"
fi

ls target/logreg-service-*.jar > /dev/null 2>&1 || ./mvnw -B -q -DskipTests package
docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" . > /dev/null || fail "docker build failed"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
docker rm -f "$CONTAINER" > /dev/null 2>&1 || true
docker run -d --name "$CONTAINER" --network host -e SERVER_ADDRESS=127.0.0.1 -e PORT="$port" \
  --memory 1g "$IMAGE" > /dev/null
base="http://127.0.0.1:$port"
for _ in $(seq 1 90); do curl -fs "$base/actuator/health" > /dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/actuator/health" | grep -q '"status":"UP"' || fail "the service did not become healthy"

body='{"featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],[110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19]],"labels":[1,1,0,0,1,0,0,1]}'
status=$(curl -s -o "$work/model.json" -w '%{http_code}' -X POST "$base/models" -H 'Content-Type: application/json' -d "$body")
[ "$status" = 201 ] || fail "POST /models answered $status: $(cat "$work/model.json")"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/model.json")
status=$(curl -s -o "$work/prediction.json" -w '%{http_code}' "$base/models/$id/predict?features=110,2.62")
[ "$status" = 200 ] || fail "GET predict answered $status"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["probability"]; sys.exit(0 if 0 <= p <= 1 else 1)' "$work/prediction.json" \
  || fail "bad prediction: $(cat "$work/prediction.json")"

health=""
for _ in $(seq 1 60); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$CONTAINER")
  [ "$health" = healthy ] && break
  sleep 2
done
[ "$health" = healthy ] || fail "docker health status is '$health'"
uid=$(docker exec "$CONTAINER" id -u)
[ "$uid" != 0 ] || fail "the service runs as root"
java_uid=$(docker exec "$CONTAINER" sh -c 'awk "/^Uid:/{print \$2}" /proc/1/status')
[ "$java_uid" != 0 ] || fail "PID 1 runs as root"

echo "container smoke test: image built on $BASE_IMAGE, trained model $id, predicted, healthy, uid $uid"
echo "container smoke test passed"
