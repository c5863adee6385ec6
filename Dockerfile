# One Dockerfile for every service, one target each:
#   docker build --target api-service -t vigil/api-service .
# (targets: api-service, scheduler-service, alerting-service, probe-worker; bin/vigil-images builds all four). The
# build stage compiles the four services at once and takes no build argument, so the four builds share it (layer
# cache) and the project is compiled once. Multi-arch (ECS runs ARM64 tasks): bin/vigil-images push, or
# docker buildx build --platform linux/amd64,linux/arm64 --target <service> .
#
# JDK_IMAGE and BASE_IMAGE default to the official images; containers/e2e/run builds against local stand-ins of the
# same layout on machines that reach no image registry.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=debian:bookworm-slim

# Bytecode is the same for every CPU: compile once, on the building machine's CPU (no emulation for Maven).
FROM --platform=${BUILDPLATFORM} ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# MAVEN_USER_HOME and MAVEN_ARGS let a build reuse a Maven repository it is given (containers/e2e/run mounts the
# machine's); by default dependencies are downloaded into a build cache.
ARG MAVEN_USER_HOME=/root/.m2
ARG MAVEN_ARGS=
RUN --mount=type=cache,target=/root/.m2 MAVEN_USER_HOME="$MAVEN_USER_HOME" ./mvnw -B -q -DskipTests $MAVEN_ARGS \
        package -pl api-service,scheduler-service,alerting-service,probe-worker -am
# Spring Boot's layered layout: dependencies change rarely, so they form their own cached image layers.
RUN for s in api-service scheduler-service alerting-service probe-worker; do \
        java -Djarmode=tools -jar "$s"/target/"$s"-*-exec.jar extract --layers --launcher --destination /layers/"$s" \
        || exit 1; \
    done

# A Java 25 runtime holding only the modules the services use (about a third of a full JRE). Java 25 for
# release-21 bytecode: virtual threads no longer pin in synchronized blocks (JEP 491), which OkHttp's HTTP/2 code
# in the probe uses. java.desktop is java.beans (Spring's property binding); jdk.crypto.ec, jdk.charsets and
# jdk.localedata serve TLS checks, mail encodings and formats; jdk.naming.dns serves DNS checks.
FROM ${JDK_IMAGE} AS runtime
RUN jlink --output /runtime --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 \
        --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

# What every service image has: the runtime, the health check, a non-root user.
FROM ${BASE_IMAGE} AS service
RUN groupadd --system --gid 10001 vigil && useradd --system --uid 10001 --gid vigil --no-create-home vigil
COPY --from=runtime /runtime /opt/java
# The health check needs only bash (HTTP over /dev/tcp): no curl in the image, and ECS runs the same command.
COPY containers/healthcheck /usr/local/bin/vigil-healthcheck
WORKDIR /app
USER 10001:10001
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    JAVA_HOME=/opt/java \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=9090 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: the API, status pages and /livez, /readyz. 9090: actuator (metrics, info, health details), never published.
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 CMD ["/usr/local/bin/vigil-healthcheck"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

FROM service AS api-service
COPY --from=build /layers/api-service/dependencies/ ./
COPY --from=build /layers/api-service/spring-boot-loader/ ./
COPY --from=build /layers/api-service/snapshot-dependencies/ ./
COPY --from=build /layers/api-service/application/ ./

FROM service AS scheduler-service
COPY --from=build /layers/scheduler-service/dependencies/ ./
COPY --from=build /layers/scheduler-service/spring-boot-loader/ ./
COPY --from=build /layers/scheduler-service/snapshot-dependencies/ ./
COPY --from=build /layers/scheduler-service/application/ ./

FROM service AS alerting-service
COPY --from=build /layers/alerting-service/dependencies/ ./
COPY --from=build /layers/alerting-service/spring-boot-loader/ ./
COPY --from=build /layers/alerting-service/snapshot-dependencies/ ./
COPY --from=build /layers/alerting-service/application/ ./

# Probe workers also offer the distribution's Nagios-compatible plugins (check_tcp, check_http, ...), and run
# iputils' ping for PING checks: it sends ICMP as an unprivileged user through its cap_net_raw file capability or the
# kernel's ping sockets (Docker allows them for every group in net.ipv4.ping_group_range).
FROM service AS probe-worker
USER root
RUN apt-get update && apt-get install -y --no-install-recommends monitoring-plugins-basic iputils-ping \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*
USER 10001:10001
COPY --from=build /layers/probe-worker/dependencies/ ./
COPY --from=build /layers/probe-worker/spring-boot-loader/ ./
COPY --from=build /layers/probe-worker/snapshot-dependencies/ ./
COPY --from=build /layers/probe-worker/application/ ./
