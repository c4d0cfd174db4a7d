# The service as a container. Build the jar first (./mvnw -B -DskipTests package), then:
#   docker build -t logreg-service .
# The base image is a build argument so that a locally built JRE 17 image can stand in for the
# official one where no registry is reachable (scripts/container-smoke-test.sh does that).
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BASE_IMAGE} AS layers
WORKDIR /build
COPY target/logreg-service-*.jar app.jar
# Spring Boot's layered extraction: dependencies change rarely, the application often, so each
# gets its own image layer and rebuilds reuse the cached dependency layers.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 logreg \
    && useradd --system --uid 10001 --gid logreg --home-dir /app --shell /usr/sbin/nologin logreg
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ENV PORT=8080 \
    JAVA_OPTS=""
EXPOSE 8080
# No curl or wget in a minimal JRE image: bash's /dev/tcp speaks just enough HTTP/1.0 for the check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=40s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
# Container-aware heap (a share of the memory limit), fail fast on OOM so the orchestrator
# restarts a clean process, the Vector API module for the row-block kernel, then the user's flags.
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --add-modules jdk.incubator.vector $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher"]
