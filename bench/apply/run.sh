#!/usr/bin/env bash
# Declarative apply of many monitors (issue 16): plan (dry run), apply and re-plan of a document of N monitors through
# POST /api/v1/apply, beside the single-POST rate of the same service in the same run (P parallel curl clients
# creating monitors one request each, as an import through the REST API does today).
#
#   bench/apply/run.sh [monitors=10000] [single_posts=400] [parallel=8]
#
# API_JAR=path runs that jar instead of the one built (to compare two builds in turn); PROFILE=1 records a JFR
# profile of the api-service (written to $PROFILE_OUT, default /tmp/bench-apply.jfr, when the service stops).
#
# Creates a fresh database on the PostgreSQL of 127.0.0.1:5432 (PGHOST/PGPORT/PGUSER to change) as postgres, starts
# the api-service jar on 127.0.0.1:$API_PORT (quota and rate limits lifted for the bench), and drops the database at
# the end. SKIP_BUILD=1 uses the jar already built.
set -euo pipefail
cd "$(dirname "$0")/../.."
MONITORS=${1:-10000}
SINGLE=${2:-400}
PARALLEL=${3:-8}
API_PORT=${API_PORT:-18095}
WRK_SECONDS=${WRK_SECONDS:-20}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
command -v jq >/dev/null || { echo "jq is needed"; exit 1; }
. bin/lib/jdk.sh

work=$(mktemp -d)
db="vigil_bench_apply_$$"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building api-service"
  ./mvnw -q -B -pl api-service -am package -DskipTests >/dev/null
fi
jar=${API_JAR:-$(ls api-service/target/api-service-*-exec.jar | head -n 1)}
jfr=""
[ -n "${PROFILE:-}" ] && jfr="-XX:StartFlightRecording=filename=${PROFILE_OUT:-/tmp/bench-apply.jfr},settings=profile,dumponexit=true"
psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
API="http://127.0.0.1:$API_PORT"
# A throwaway key for sealing channel secrets (the service refuses to start with the public development key).
export VIGIL_CHANNEL_ENCRYPTION_KEY="${VIGIL_CHANNEL_ENCRYPTION_KEY:-$(openssl rand -hex 32)}"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx768m} $jfr -jar "$jar" --server.port="$API_PORT" --server.address=127.0.0.1 \
  --vigil.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --vigil.db.user="$PGUSER" --vigil.api.public-url="$API" \
  --vigil.monitors.max-per-workspace=$((MONITORS * 2 + SINGLE * 2 + WRK_SECONDS * 2000)) --vigil.rate-limits.api-key.capacity=100000000 \
  --vigil.rate-limits.signup.capacity=1000 --management.server.port=0 --logging.level.root=WARN >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 600); do curl -fs "$API/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$API/readyz" >/dev/null || { echo "api-service did not start"; tail -50 "$work/api.log"; exit 1; }

signup() {
  curl -fs -H 'Content-Type: application/json' -d '{"email":"bench-'"$1"'-'$$'@example.com",
    "password":"a long enough password","workspace":"Bench"}' "$API/api/v1/signup" | jq -r .apiKey
}
now() { date +%s.%N; }
# CPU seconds (user + system) the api-service's JVM has used so far.
api_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$api_pid/stat"; }
# CPU seconds of the PostgreSQL backends serving the bench's database (the service's pool keeps them open).
pg_cpu() {
  local pids
  pids=$(psql -At -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db'" | sed 's#^#/proc/#; s#$#/stat#')
  # shellcheck disable=SC2086
  cat $pids 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{s += $14 + $15} END {print s / hz}'
}
elapsed() { echo "$2 - $1" | bc; }

# 1. Single POSTs: P clients, one monitor per request, in a workspace of their own.
single_key=$(signup single)
seq 1 "$SINGLE" | xargs -P "$PARALLEL" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
  -H "Authorization: Bearer $single_key" -H 'Content-Type: application/json' \
  -d '{"name":"single-{}","type":"HTTP","url":"https://example.com/{}"}' "$API/api/v1/monitors" >/dev/null  # warm-up
t0=$(now)
cpu0=$(api_cpu); pg0=$(pg_cpu)
seq 1 "$SINGLE" | xargs -P "$PARALLEL" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
  -H "Authorization: Bearer $single_key" -H 'Content-Type: application/json' \
  -d '{"name":"single-{}","type":"HTTP","url":"https://example.com/{}"}' "$API/api/v1/monitors" >"$work/single.txt"
t1=$(now)
cpu1=$(api_cpu); pg1=$(pg_cpu)
single_load=$(cut -d' ' -f1-3 /proc/loadavg)
single_s=$(elapsed "$t0" "$t1")
created=$(grep -c '^201 ' "$work/single.txt" || true)
single_rate=$(echo "scale=1; $created / $single_s" | bc)
p50=$(awk '{print $2}' "$work/single.txt" | sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.5)]}')
p99=$(awk '{print $2}' "$work/single.txt" | sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.99)]}')
single_api_ms=$(echo "scale=1; ($cpu1 - $cpu0) * 1000 / $created" | bc)
single_pg_ms=$(echo "scale=1; ($pg1 - $pg0) * 1000 / $created" | bc)

# 1b. The same single POSTs by wrk: P connections kept open, in a workspace of its own.
wrk_line=""
if [ "$WRK_SECONDS" -gt 0 ]; then
  command -v wrk >/dev/null || { echo "wrk is needed (or WRK_SECONDS=0)"; exit 1; }
  wrk_key=$(signup wrk)
  wrk_count() { psql -At -d "$db" -c "SELECT count(*) FROM monitors WHERE name LIKE 'wrk-%'"; }
  cpu0=$(api_cpu); pg0=$(pg_cpu)
  wrk -t 2 -c "$PARALLEL" -d "${WRK_SECONDS}s" --latency -s bench/apply/create-monitors.lua \
    -H "Authorization: Bearer $wrk_key" -H 'Content-Type: application/json' "$API" -- wrk >"$work/wrk.txt"
  sleep 1  # the requests in flight when wrk stopped finish; their CPU is counted, and so are their monitors
  cpu1=$(api_cpu); pg1=$(pg_cpu)
  wrk_load=$(cut -d' ' -f1-3 /proc/loadavg)
  summary=$(grep '^wrk requests=' "$work/wrk.txt") || { echo "wrk failed:"; cat "$work/wrk.txt"; exit 1; }
  eval "$(echo "${summary#wrk }" | tr ' ' '\n' | sed 's/^/wrk_/')"
  wrk_created=$(wrk_count)
  # shellcheck disable=SC2154
  wrk_line="single POSTs by wrk: $wrk_requests requests ($wrk_non2xx not 2xx, $wrk_errors socket errors) on $PARALLEL"
  wrk_line="$wrk_line connections in ${wrk_seconds}s = $(echo "scale=1; ($wrk_requests - $wrk_non2xx) / $wrk_seconds" | bc)"
  wrk_line="$wrk_line monitors/s (p50 ${wrk_p50_ms} ms, p99 ${wrk_p99_ms} ms); CPU per POST ($wrk_created created):"
  wrk_line="$wrk_line api JVM $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $wrk_created" | bc) ms,"
  wrk_line="$wrk_line PostgreSQL $(echo "scale=2; ($pg1 - $pg0) * 1000 / $wrk_created" | bc) ms; load average then $wrk_load"
fi

# 2. The document: N monitors (HTTP with assertions, every tenth TCP, every fiftieth a heartbeat), one channel.
python3 - "$MONITORS" >"$work/doc.json" <<'PY'
import json, sys
n = int(sys.argv[1])
monitors = []
for i in range(n):
    if i % 50 == 49:
        m = {"type": "HEARTBEAT", "periodSeconds": 3600}
    elif i % 10 == 9:
        m = {"type": "TCP", "host": f"db{i}.example.com", "port": 5432}
    else:
        m = {"type": "HTTP", "url": f"https://example.com/service/{i}/health", "intervalSeconds": 60,
             "assertions": [{"source": "STATUS_CODE", "comparison": "EQUALS", "target": "200"},
                            {"source": "RESPONSE_TIME_MS", "comparison": "LESS_THAN", "target": "2000"}],
             "alertChannels": ["ops"]}
    m = {"key": f"m{i}", "name": f"Service {i}", **m}
    monitors.append(m)
doc = {"version": 1, "alertChannels": [{"key": "ops", "name": "Ops", "type": "EMAIL", "config": {"to": "ops@example.com"}}],
       "monitors": monitors}
print(json.dumps(doc))
PY
apply_key=$(signup apply)
post() { # query -> prints "seconds summary"
  local start end
  start=$(now)
  curl -s -o "$work/plan.json" -w '%{http_code}' -H "Authorization: Bearer $apply_key" \
    -H 'Content-Type: application/json' --data-binary @"$work/doc.json" "$API/api/v1/apply?$1" >"$work/code"
  end=$(now)
  [ "$(cat "$work/code")" = 200 ] || { echo "apply?$1 answered $(cat "$work/code"): $(head -c 500 "$work/plan.json")"; exit 1; }
  echo "$(elapsed "$start" "$end") $(jq -c .summary "$work/plan.json")"
}
plan=$(post "dryRun=true")
apply=$(post "dryRun=false")
replan=$(post "dryRun=true")
stored=$(psql -At -d "$db" -c "SELECT count(*) FROM monitors m JOIN managed_objects k ON k.object_id = m.id")
plan_s=${plan%% *}; apply_s=${apply%% *}; replan_s=${replan%% *}
total=$(echo "$plan_s + $apply_s" | bc)

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); document $(wc -c <"$work/doc.json") bytes"
echo "single POSTs: $created monitors by $PARALLEL clients in ${single_s}s = $single_rate monitors/s (p50 ${p50}s, p99 ${p99}s);" \
  "CPU per POST: api JVM $single_api_ms ms, PostgreSQL $single_pg_ms ms; load average then $single_load"
[ -n "$wrk_line" ] && echo "$wrk_line"
echo "plan (dry run) of $MONITORS: ${plan_s}s ${plan#* }"
echo "apply of $MONITORS: ${apply_s}s ${apply#* } -> $stored managed monitors stored"
echo "re-plan (nothing to do): ${replan_s}s ${replan#* }"
echo "plan + apply: ${total}s = $(echo "scale=0; $MONITORS / $total" | bc) monitors/s;" \
  "apply alone $(echo "scale=0; $MONITORS / $apply_s" | bc) monitors/s," \
  "$(echo "scale=0; ($MONITORS / $apply_s) / $single_rate" | bc)x the single-POST rate"
