#!/usr/bin/env bash
# The whole pipeline at scale (issue 21): the local stack (bin/vigil-local's jar, one JVM with embedded ElasticMQ) on a
# fresh database of the test PostgreSQL server, N HTTP monitors of a 600-byte nginx page on loopback, every one at 60 s
# in the three local regions; a measured window, optionally a mass outage. Prints the figures against the goals beside
# the bare check engine's rate on the same page in the same run.
#
#   bench/pipeline/run.sh [monitors=10000] [measured seconds=300]
#
# Environment: WARMUP (s, default 150: the first round of 10,000 monitors and the JIT leave a backlog to drain),
# OUTAGE=1 (the mass outage after the window; OUTAGE_SECONDS, default 150,
# HEALTHY_EXTRA healthy monitors beside, default 500), PROFILE=1 (a JFR recording of the stack over the window,
# summarised as text), BENCH_STACK_OPTS (the stack's JVM options, default bin/vigil-local's "-Xmx1g -Xmn320m -XX:+UseSerialGC -XX:SweeperThreshold=50"),
# SKIP_BUILD=1, VIGIL_TEST_DB_URL (the PostgreSQL server, default 127.0.0.1:5432 as postgres), NGINX_PORT.
# The database is dropped at the end. CPU counts the stack's JVM, the PostgreSQL processes of its database plus the
# server's background processes, and nginx, from /proc; machine_busy_cores is everything on the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
MONITORS=${1:-10000}
MEASURE=${2:-300}
WARMUP=${WARMUP:-150}
NGINX_PORT=${NGINX_PORT:-18090}

if ! command -v nginx >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq nginx-light
fi
. bin/lib/jdk.sh
export VIGIL_TEST_DB_URL=${VIGIL_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}

work=$(mktemp -d)
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. The target: nginx on loopback. /target fails (503) while the mode file says so; /healthy never does; /hook takes
#    the webhook deliveries.
mkdir -p "$work/html" "$work/logs"
chmod 755 "$work" "$work/html"
head -c 600 /dev/zero | tr '\0' 'v' > "$work/html/index.html"
echo 'set $fail 0;' > "$work/mode.conf"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    root $work/html;
    include $work/mode.conf;
    location /target { if (\$fail) { return 503; } try_files /index.html =404; }
    location /healthy { try_files /index.html =404; }
    location /hook { return 204; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/healthy" >/dev/null 2>&1 && break; sleep 0.1; done
TARGET="http://127.0.0.1:$NGINX_PORT"

# 2. Build: the stack's jar, the benchmark drivers and their class paths.
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building"
  ./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt -pl local-stack,probe-worker -am >/dev/null
fi
JAR=local-stack/target/vigil-local-exec.jar

# 3. The bare check engine on the same page: checks/s and per CPU-second, nothing else running.
echo "== bare check engine: 16 concurrent checks of $TARGET/healthy, 5 s warm-up, 20 s measured"
"$JAVA_HOME/bin/java" -Xmx64m -XX:+UseSerialGC \
  -cp "probe-worker/target/test-classes:probe-worker/target/classes:$(cat probe-worker/target/bench-classpath.txt)" \
  dev.vigil.probe.check.http.HttpCheckBench "$TARGET/healthy" 16 20 5 2>/dev/null | grep -E '^(engine|first failure)' \
  | awk '{ print } /checks_per_cpu_s/ { for (i = 1; i <= NF; i++) if ($i ~ /^checks_per_cpu_s=/) { split($i, a, "="); printf "bare engine: cpu_per_check_ms=%.3f\n", 1000 / a[2] } }'

# 4. The pipeline.
PROFILE_FILE=""
[ -n "${PROFILE:-}" ] && PROFILE_FILE="$work/stack.jfr"
echo "== pipeline: $MONITORS monitors x 3 regions at 60 s, ${WARMUP}s warm-up, ${MEASURE}s measured (load average $(cut -d' ' -f1-3 /proc/loadavg))"
CP="local-stack/target/test-classes:local-stack/target/classes:$(cat local-stack/target/bench-classpath.txt)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" \
  -Dbench.monitors="$MONITORS" -Dbench.measure="$MEASURE" -Dbench.warmup="$WARMUP" \
  -Dbench.outage="${OUTAGE:+true}" -Dbench.outageSeconds="${OUTAGE_SECONDS:-150}" \
  -Dbench.healthyExtra="${HEALTHY_EXTRA:-500}" -Dbench.target="$TARGET" -Dbench.work="$work" -Dbench.jar="$JAR" \
  -Dbench.stackOpts="${BENCH_STACK_OPTS:--Xmx1g -Xmn320m -XX:+UseSerialGC -XX:SweeperThreshold=50}" -Dbench.profile="$PROFILE_FILE" \
  -Dbench.nginxPidFile="$work/nginx.pid" -Dbench.nginxMode="$work/mode.conf" \
  -Dbench.nginxReload="nginx -c $work/nginx.conf -p $work -s reload" \
  dev.vigil.local.bench.PipelineBench
if [ -n "$PROFILE_FILE" ] && [ -f "$PROFILE_FILE" ]; then
  echo "== profile of the stack's JVM over the window"
  "$JAVA_HOME/bin/java" -cp "$CP" dev.vigil.local.bench.ProfileSummary "$PROFILE_FILE" 25
  [ -n "${KEEP_PROFILE:-}" ] && cp "$PROFILE_FILE" "$KEEP_PROFILE"
fi
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
