#!/usr/bin/env bash
# Benchmark of POST /api/subscriptions on the embedded H2 default, with wrk as the load generator.
#
# Usage, from the repository root:
#   bench/subscribe.sh [--build]          # --build: rebuild the jar even if it looks current
#
# Environment overrides (defaults in brackets):
#   CONNECTIONS [32]  wrk connections          THREADS [2]     wrk threads
#   DURATION    [30s] measured run             WARMUP  [15s]   warm-up run (0 to skip)
#   JAVA_OPTS   []    extra JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/sub.jfr
#   KEEP_DATA   [0]   1 keeps the temporary DATA_DIR (H2 database, .eml files, service log)
#   CDS         [1]   0 starts without the AppCDS archive (target/tidings.jsa, made by a first start)
#   STARTS      [3]   starts timed to healthy (the median is reported), each on a fresh DATA_DIR
#   DELIVERY_WORKERS [0]  the service's delivery workers; 2 (the service's default) adds the emails' work
#
# What it does: builds target/tidings-0.1.0-SNAPSHOT.jar with ./mvnw when it is missing or older
# than pom.xml/src/templates; installs wrk with apt-get when missing (root only); starts the
# service on 127.0.0.1 with a fresh DATA_DIR, a free port, no SMTP_HOST (so .eml files under
# DATA_DIR/mail) and the per-client subscribe cap raised; times launch -> GET /health 200 (the
# median of STARTS starts, each on a fresh DATA_DIR); warms
# up; measures; stops the service and prints the figures against the targets
# (2000 req/s, p99 <= 50 ms, startup < 3 s). Exits non-zero if any response is not 202.
#
# Why 32 connections: this is a 2-core machine, the subscribe handler runs on Micronaut's
# blocking pool and every request holds one of 10 Hikari connections for its transaction, so
# more than ~10 requests can never run at once. At the 2000 req/s target with the 50 ms p99
# budget, Little's law allows ~2000 x 0.01-0.016 s = 20-32 requests in flight for a healthy
# service: 32 saturates it without turning the measurement into a queueing test (at -c64 half
# the requests just wait for a pool connection, inflating p99 by design). wrk's -t2 matches
# the 2 cores; note that wrk shares those cores with the service, which is part of the result.
set -euo pipefail

FORCE_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --build) FORCE_BUILD=1 ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-15s}"
JAVA_OPTS="${JAVA_OPTS:-}"
KEEP_DATA="${KEEP_DATA:-0}"
CDS="${CDS:-1}"
STARTS="${STARTS:-3}"
CDS_ARCHIVE="${CDS_ARCHIVE:-$PWD/target/tidings.jsa}"
TARGET_RPS=2000
TARGET_P99_MS=50
TARGET_STARTUP_MS=3000

ROOT="$PWD"
JAR="$ROOT/target/tidings-0.1.0-SNAPSHOT.jar"
LUA="$ROOT/bench/subscribe.lua"
if [[ ! -f "$ROOT/pom.xml" || ! -x "$ROOT/mvnw" || ! -f "$LUA" ]]; then
    echo "Run this from the repository root (pom.xml, mvnw and bench/subscribe.lua must be here)." >&2
    exit 2
fi
command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
command -v java >/dev/null || { echo "java (17+) is required" >&2; exit 2; }

source "$ROOT/bench/lib.sh"
# The request path alone unless DELIVERY_WORKERS says otherwise: without a relay, the workers would
# render and write every confirmation as an .eml file on the same two cores during the load.
SERVICE_ENV=(SUBSCRIBE_REQUESTS_PER_CLIENT_MINUTE=100000000 DELIVERY_WORKERS="${DELIVERY_WORKERS:-0}")

# wrk.
if ! command -v wrk >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "installing wrk with apt-get"
        apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is not installed: run 'sudo apt-get install -y wrk' (Debian/Ubuntu) or build it from https://github.com/wg/wrk" >&2
        exit 2
    fi
fi

# An AppCDS archive of the classes a start loads, made by one start as an image build would
# (the Dockerfile does the same): later starts map them instead of loading them from the jar.
COLD_STARTUP_MS=""
CDS_OPTS=()
if [[ "$CDS" == 1 ]]; then
    if [[ ! -f "$CDS_ARCHIVE" || "$JAR" -nt "$CDS_ARCHIVE" ]]; then
        log "training start to write the class-data archive $CDS_ARCHIVE"
        rm -f "$CDS_ARCHIVE"
        launch "$WORK_DIR/training" "-XX:ArchiveClassesAtExit=$CDS_ARCHIVE"
        await_healthy
        COLD_STARTUP_MS="$STARTUP_MS"
        stop_service
    fi
    [[ -f "$CDS_ARCHIVE" ]] && CDS_OPTS=("-XX:SharedArchiveFile=$CDS_ARCHIVE")
fi

# Start to healthy, each time on a fresh DATA_DIR (migrations and samples included): the median of
# STARTS starts, since one start on a shared two-core machine varies by a few hundred ms. The last
# start stays up for the load.
STARTUPS=()
for n in $(seq 1 "$STARTS"); do
    data_dir="$DATA_DIR"; [[ "$n" -lt "$STARTS" ]] && data_dir="$WORK_DIR/start-$n"
    log "start $n of $STARTS on $BASE (DATA_DIR=$data_dir${CDS_OPTS:+, ${CDS_OPTS[*]}})"
    launch "$data_dir" "${CDS_OPTS[@]}"
    await_healthy
    LOGGED_STARTUP="$(grep -o 'Startup completed in [0-9]*ms' "$SERVICE_LOG" | head -n1 || true)"
    log "startup to healthy: ${STARTUP_MS} ms (${LOGGED_STARTUP:-no startup line logged})"
    STARTUPS+=("$STARTUP_MS")
    [[ "$n" -lt "$STARTS" ]] && stop_service
done
STARTUP_MS="$(printf '%s\n' "${STARTUPS[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"

# A smoke request, so a broken endpoint fails before the load runs.
SMOKE="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"email":"bench-smoke@example.com","topics":["baby"],"frequency":"weekly","consent":true}' \
    "$BASE/api/subscriptions")"
if [[ "$SMOKE" != 202 ]]; then
    echo "smoke POST /api/subscriptions answered $SMOKE, expected 202; service log:" >&2
    tail -n 40 "$SERVICE_LOG" >&2
    exit 1
fi

# Warm-up, then the measured run.
RUN_TAG="$(date +%s)-$$"
run_wrk() { # duration tag
    wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 5s -s "$LUA" "$BASE" -- "$2"
}
if [[ "$WARMUP" != 0 && "$WARMUP" != 0s ]]; then
    log "warm-up: wrk -t$THREADS -c$CONNECTIONS -d$WARMUP"
    run_wrk "$WARMUP" "w$RUN_TAG" | grep '^BENCH ' | sed 's/^/[bench] warm-up: /' >&2 || true
fi
log "measuring: wrk --latency -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/subscribe.lua"
# CPU accounting over the measured run, to tell the service's share from wrk and other load.
machine_jiffies() { awk '/^cpu / { print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8 }' /proc/stat; }
service_jiffies() { awk '{ print $14+$15 }' "/proc/$SERVICE_PID/stat"; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
read -r BUSY0 TOTAL0 < <(machine_jiffies); SVC0="$(service_jiffies)"
WRK_OUT="$(run_wrk "$DURATION" "m$RUN_TAG")"
read -r BUSY1 TOTAL1 < <(machine_jiffies); SVC1="$(service_jiffies)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
CPU_USE="$(awk -v b=$((BUSY1 - BUSY0)) -v t=$((TOTAL1 - TOTAL0)) -v s=$((SVC1 - SVC0)) \
    'BEGIN { printf "machine %.0f%% busy: service %.0f%%, wrk and everything else %.0f%% (of all cores)", 100*b/t, 100*s/t, 100*(b-s)/t }')"
echo "$WRK_OUT" | grep -v '^BENCH'

# Outbox state while the service still runs: how far the delivery workers lag behind.
EML_AT_END=0
if [[ -d "$DATA_DIR/mail" ]]; then EML_AT_END="$(find "$DATA_DIR/mail" -name '*.eml' | wc -l)"; fi

field() { echo "$WRK_OUT" | grep '^BENCH ' | tr ' ' '\n' | sed -n "s/^$1=//p"; }
RPS="$(field rps)"; REQUESTS="$(field requests)"
P50_US="$(field p50_us)"; P90_US="$(field p90_us)"; P99_US="$(field p99_us)"; MAX_US="$(field max_us)"
NON202="$(field non202)"; NON2XX="$(field non2xx)"
SOCKET_ERRORS=$(( $(field connect_err) + $(field read_err) + $(field write_err) + $(field timeouts) ))
FIRST_BAD="$(echo "$WRK_OUT" | sed -n 's/^BENCH_FIRST_BAD //p')"
[[ -n "$RPS" ]] || { echo "could not read wrk's results:" >&2; echo "$WRK_OUT" >&2; exit 1; }

stop_service

# Row counts, read from the H2 file once the service has let go of it (optional).
H2_URL="jdbc:h2:file:$DATA_DIR/db/tidings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
COUNTS="$(java -cp "$JAR" org.h2.tools.Shell -url "$H2_URL" -user sa -password '' -sql \
    "SELECT (SELECT COUNT(*) FROM subscriber) AS subscribers, (SELECT COUNT(*) FROM outbox WHERE status = 'SENT') AS sent, (SELECT COUNT(*) FROM outbox WHERE status <> 'SENT') AS unsent" \
    2>/dev/null | sed -n 2p | tr -d ' ' || true)"

# The figures.
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }
# From the figures themselves, not the rounded ratio, which showed a 3,001 ms start as 1.00 (the start
# must be under its target, so it is judged on its own below).
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 && a / b >= 1.0 ? "met" : "NOT met") }'; }
RPS_RATIO="$(ratio "$RPS" "$TARGET_RPS")"
P99_RATIO="$(ratio "$(( TARGET_P99_MS * 1000 ))" "$P99_US")"
STARTUP_RATIO="$(ratio "$TARGET_STARTUP_MS" "$STARTUP_MS")"

cat <<EOF

==== POST /api/subscriptions on embedded H2 ($(date -u +%FT%TZ)) ====
wrk               -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP), $(nproc) cores, load avg $LOAD_BEFORE -> $LOAD_AFTER
cpu during run    $CPU_USE
requests          $REQUESTS
requests/s        $RPS            target $TARGET_RPS: ratio $RPS_RATIO ($(verdict "$RPS" "$TARGET_RPS"))
latency p50       $(ms "$P50_US") ms
latency p90       $(ms "$P90_US") ms
latency p99       $(ms "$P99_US") ms       target ${TARGET_P99_MS} ms: ratio $P99_RATIO ($(verdict "$(( TARGET_P99_MS * 1000 ))" "$P99_US"))
latency max       $(ms "$MAX_US") ms
non-202 / non-2xx $NON202 / $NON2XX   socket errors/timeouts $SOCKET_ERRORS
startup->healthy  ${STARTUP_MS} ms         target ${TARGET_STARTUP_MS} ms: ratio $STARTUP_RATIO ($( (( STARTUP_MS < TARGET_STARTUP_MS )) && echo met || echo "NOT met")), median of ${STARTUPS[*]} ms${CDS_OPTS:+, with the AppCDS archive}${COLD_STARTUP_MS:+ (first start, without it: ${COLD_STARTUP_MS} ms)}
delivery          ${EML_AT_END} .eml files written by the end of the run
rows after        ${COUNTS:-unavailable} (subscribers,sent,unsent outbox rows)
EOF

if [[ "$NON202" != 0 || "$NON2XX" != 0 || "$SOCKET_ERRORS" != 0 ]]; then
    echo "FAILED: $NON202 responses were not 202 (first: ${FIRST_BAD:-n/a}); $SOCKET_ERRORS socket errors" >&2
    exit 1
fi
