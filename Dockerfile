# One Dockerfile for every service: docker build --build-arg SERVICE=api-service -t vigil/api-service .
# (SERVICE: api-service, scheduler-service, probe-worker or alerting-service.)

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN test -n "$SERVICE" || (echo "--build-arg SERVICE=<module> is required" && exit 1)
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package -pl "$SERVICE" -am
# Spring Boot's layered layout: dependencies change rarely, so they form their own cached image layers.
RUN java -Djarmode=tools -jar "$SERVICE"/target/"$SERVICE"-*-exec.jar extract --layers --launcher \
        --destination /layers

# Java 25 runtime for release-21 bytecode: virtual threads no longer pin in synchronized blocks (JEP 491),
# which OkHttp's HTTP/2 code in the probe uses.
FROM eclipse-temurin:25-jre
ARG SERVICE
# Probe workers offer the Nagios-compatible plugins of the distribution (check_tcp, check_http, ...).
RUN if [ "$SERVICE" = "probe-worker" ]; then \
        apt-get update && apt-get install -y --no-install-recommends monitoring-plugins-basic \
        && rm -rf /var/lib/apt/lists/*; \
    fi
RUN groupadd --system --gid 10001 vigil && useradd --system --uid 10001 --gid vigil --no-create-home vigil
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
