# shellcheck shell=bash disable=SC2154  # work, log and fail come from the caller
# Sourced (not run) by the container smoke tests: a Docker engine and the JRE 17 base image on a
# machine with no image registry, from Debian's packages.
#
#   install_docker_tools [PACKAGE...]  installs from Debian the engine, debootstrap and curl when
#                           missing, and the PACKAGEs named
#   find_service_jar        sets service_jar to target/logreg-service-*.jar, built first when there is none
#   docker_engine_up        starts dockerd unless one answers (sets started_dockerd to its PID)
#   jre17_base_image ROOTFS builds local/jre17 with debootstrap into ROOTFS unless it exists
#   stop_started_dockerd    stops the dockerd that docker_engine_up started, if any
#   unmount_under DIR       unmounts whatever a failed debootstrap left mounted under DIR
#
# The caller defines log MESSAGE and fail MESSAGE (which exits), and $work, a scratch directory.

JRE17_BASE_IMAGE=local/jre17
started_dockerd=""

install_docker_tools() {
  local missing=("$@")
  { command -v dockerd && command -v docker; } > /dev/null || missing+=(docker.io)
  command -v debootstrap > /dev/null || missing+=(debootstrap)
  command -v curl > /dev/null || missing+=(curl)
  [ ${#missing[@]} -gt 0 ] || return 0
  log "installing ${missing[*]} from Debian"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" \
    > "$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; fail "apt-get install ${missing[*]} failed"; }
}

find_service_jar() {
  local jars
  shopt -s nullglob
  jars=(target/logreg-service-*.jar)
  if [ ${#jars[@]} -eq 0 ]; then
    log "no jar in target/: building it (./mvnw -B -q -DskipTests package)"
    ./mvnw -B -q -DskipTests package || fail "./mvnw package failed"
    jars=(target/logreg-service-*.jar)
  fi
  shopt -u nullglob
  [ ${#jars[@]} -eq 1 ] || fail "expected one target/logreg-service-*.jar, found ${#jars[@]}: ${jars[*]:-none}"
  # shellcheck disable=SC2034  # read by the caller
  service_jar="${jars[0]}"
}

docker_engine_up() {
  docker info > /dev/null 2>&1 && return 0
  if pidof dockerd > /dev/null; then
    log "dockerd is starting; waiting for it"
  else
    log "starting dockerd"
    dockerd > "$work/dockerd.log" 2>&1 &
    started_dockerd=$!
  fi
  for _ in $(seq 1 60); do docker info > /dev/null 2>&1 && return 0; sleep 1; done
  [ -f "$work/dockerd.log" ] && tail -30 "$work/dockerd.log" >&2
  fail "the Docker engine did not answer within 60s"
}

stop_started_dockerd() {
  [ -n "$started_dockerd" ] || return 0
  kill "$started_dockerd" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 1; done
  if kill -0 "$started_dockerd" 2>/dev/null; then kill -KILL "$started_dockerd" 2>/dev/null; fi
  started_dockerd=""
}

# A failed debootstrap can leave /proc, /sys or a bind-mounted /dev inside the rootfs: unmount
# them (deepest first) before the caller deletes it (with rm --one-file-system).
unmount_under() {
  [ -d "$1" ] || return 0
  awk -v r="$1" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r \
    | while read -r m; do umount -l "$m" 2>/dev/null; done
}

jre17_base_image() {
  local rootfs=$1 mirror base_t0
  if docker image inspect "$JRE17_BASE_IMAGE" > /dev/null 2>&1; then
    log "reusing base image $JRE17_BASE_IMAGE"
    return 0
  fi
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || fail "no Debian mirror configured in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  log "building base image $JRE17_BASE_IMAGE with debootstrap from $mirror (about a minute)"
  base_t0=$SECONDS
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,libopenblas0-pthread bookworm "$rootfs" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/*
  # The same JAVA_HOME as eclipse-temurin's images.
  mkdir -p "$rootfs/opt/java"
  ln -sfn /usr/lib/jvm/java-17-openjdk-amd64 "$rootfs/opt/java/openjdk"
  tar -C "$rootfs" --numeric-owner -cf "$work/jre17.tar" .
  rm -rf --one-file-system "$rootfs"
  docker import \
    -c 'ENV JAVA_HOME=/opt/java/openjdk' \
    -c 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' \
    "$work/jre17.tar" "$JRE17_BASE_IMAGE" > /dev/null || fail "docker import of the base image failed"
  rm -f "$work/jre17.tar"
  log "base image $JRE17_BASE_IMAGE built in $((SECONDS - base_t0))s"
}
