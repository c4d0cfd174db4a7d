# The service as a container image. Maven does not run in the image: build the jar on the host,
# then the image:
#   ./mvnw -B -DskipTests package
#   docker build -t logreg-service .
# BASE_IMAGE is any Debian- or Ubuntu-based JRE 17 image (it needs java, bash, groupadd and
# useradd): the official eclipse-temurin by default, or a locally made one where no registry is
# reachable (scripts/container-smoke-test.sh builds local/jre17 from Debian's packages).
ARG BASE_IMAGE=eclipse-temurin:17-jre

# ---- Stage 1: split the executable jar into Spring Boot's layers --------------------------------
FROM ${BASE_IMAGE} AS layers
WORKDIR /build
COPY target/logreg-service-*.jar app.jar
# The service starts the JVM with --add-modules jdk.incubator.vector: a JRE without that module
# would fail at every start, so refuse such a base image here, with a message, instead.
RUN java --list-modules | grep -q '^jdk\.incubator\.vector@' \
    || { echo 'the base image has no jdk.incubator.vector module: use a full JRE 17' >&2; exit 1; }
# Spring Boot 3.3+ and 4 extract with the "tools" jar mode (the old "layertools" mode is
# deprecated). --launcher keeps the jar's own layout plus Boot's JarLauncher, one directory per
# layer as listed in BOOT-INF/layers.idx: dependencies, spring-boot-loader,
# snapshot-dependencies, application.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- Stage 2: the runtime image -----------------------------------------------------------------
FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="logreg-service" \
      org.opencontainers.image.description="Logistic regression as a REST service (Spring Boot)" \
      org.opencontainers.image.version="0.1.0"
# An unprivileged system user with a fixed uid/gid (10001), so file ownership and Kubernetes'
# runAsNonRoot checks are predictable. groupadd/useradd exist in Debian minbase and in temurin's
# Ubuntu alike.
# /var/lib/logreg is the model store's directory when LOGREG_STORE_DIRECTORY points there (as
# docker-compose.yml does); it belongs to that user, and a named volume mounted on it starts out
# with that ownership, so the service can write models even with a read-only root file system.
# OpenBLAS for the fits' X^T W X (dsyrk through netlib, BlasGramKernel), one thread per call: the fit already
# splits the rows across its workers. Without it the service fits with the Java kernel. A base image that has
# it already (local/jre17 from scripts/docker-local.sh) needs no package index, so builds without a mirror.
RUN if ldconfig -p | grep -q 'libopenblas'; then echo "OpenBLAS is in the base image"; \
    else apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0-pthread \
        && rm -rf /var/lib/apt/lists/*; fi
RUN groupadd --system --gid 10001 logreg \
    && useradd --system --uid 10001 --gid logreg --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin logreg \
    && install -d -o logreg -g logreg -m 0750 /var/lib/logreg
WORKDIR /app
# Least to most often changed, so a rebuild after a code change reuses the dependency layers.
# The files stay owned by root: the service can read its code but not change it.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001

# PORT: the HTTP port (application.properties has server.port=${PORT:8080}).
# JAVA_OPTS: extra JVM flags, appended after the defaults below so they can override them.
# No secrets here; configuration comes from the environment at run time.
ENV PORT=8080 \
    OPENBLAS_NUM_THREADS=1 \
    JAVA_OPTS=""
EXPOSE 8080

# Why bash: the minimal Debian JRE image has no curl or wget (JRE images need not), and a second
# JVM just to probe would cost memory and a second of CPU every 10s. bash is in both
# base images, and its /dev/tcp redirection opens a TCP connection to the service's loopback
# address: the check sends a plain HTTP/1.0 GET and passes only when the answer carries
# "status":"UP" (actuator answers 503 with "DOWN" otherwise). Docker's --timeout bounds a hung
# connection. It probes 127.0.0.1:$PORT, so it assumes the service listens on loopback there
# (the default 0.0.0.0 and SERVER_ADDRESS=127.0.0.1 both do).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]

# Java is PID 1 (exec), so it gets docker stop's SIGTERM and shuts down gracefully.
# Container-aware memory: the JVM reads the cgroup limit (UseContainerSupport is on by default)
# and takes 75% of it for the heap, 25% at start; the rest is left for metaspace, threads, code
# cache and direct buffers. An OutOfMemoryError ends the process so the restart policy brings
# up a clean one. jdk.incubator.vector enables the service's Vector API kernel (it falls back to
# plain Java without it); java.nio is opened for Arrow in the Spark Connect client (trainings on
# a source with logreg.spark.remote). $JAVA_OPTS is word-split on purpose; arguments given to
# `docker run IMAGE ...` pass through to the application (e.g. --logreg.fit-parallelism=2).
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp /app org.springframework.boot.loader.launch.JarLauncher \"$@\"", "logreg-service"]
