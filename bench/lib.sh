#!/usr/bin/env bash
# Shared by the benchmark scripts. Sourcing it (with ROOT, JAR, FORCE_BUILD, KEEP_DATA and JAVA_OPTS
# set) builds the jar when it is stale, makes a WORK_DIR that is removed on exit, and picks a free
# loopback PORT; then launch/await_healthy/stop_service run the service with the settings in
# SERVICE_ENV (and SERVICE_HEAP, default -Xmx512m).

log() { printf '[bench] %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }

# The jar, rebuilt when it is missing or older than the sources.
if [[ "$FORCE_BUILD" == 1 || ! -f "$JAR" ]] \
        || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/templates" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
    log "building $JAR (./mvnw -B -q package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
[[ -f "$JAR" ]] || { echo "build did not produce $JAR" >&2; exit 1; }

# The service, on a free loopback port with its own DATA_DIR.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        # A refused connection means nobody listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
DATA_DIR="$WORK_DIR/data"
SERVICE_LOG="$WORK_DIR/service.log"
mkdir -p "$DATA_DIR"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
SERVICE_PID=""
SERVICE_ENV=()

stop_service() {
    if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        # Waits for the exit (graceful shutdown hands back leased outbox rows), at most 30 s.
        timeout 30 tail --pid="$SERVICE_PID" -s 0.1 -f /dev/null 2>/dev/null || kill -KILL "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=""
}
cleanup() {
    local status=$?
    stop_service
    if [[ "$KEEP_DATA" == 1 || $status -ne 0 ]]; then
        log "kept $WORK_DIR (service.log, data/)"
    else
        rm -rf "$WORK_DIR"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the service with extra JVM options and a data directory; sets SERVICE_PID and STARTED_MS.
launch() {
    local data_dir="$1"
    shift
    mkdir -p "$data_dir"
    STARTED_MS="$(now_ms)"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
    env -u SMTP_HOST -u DATABASE_URL "${SERVICE_ENV[@]}" DATA_DIR="$data_dir" MICRONAUT_SERVER_PORT="$PORT" \
        java @"$ROOT/src/main/jvm/tidings.options" "${SERVICE_HEAP:--Xmx512m}" "$@" $JAVA_OPTS -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!
}

# Bounded readiness poll: /health every 20 ms for at most 60 s, failing at once if java exits.
# Sets STARTUP_MS (launch to the first 200).
await_healthy() {
    local healthy_ms="" deadline_ms=$(( STARTED_MS + 60000 ))
    while (( $(now_ms) < deadline_ms )); do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            echo "the service exited during startup; its log:" >&2
            tail -n 40 "$SERVICE_LOG" >&2
            exit 1
        fi
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/health" || true)" == 200 ]]; then
            healthy_ms="$(now_ms)"
            break
        fi
        sleep 0.02
    done
    if [[ -z "$healthy_ms" ]]; then
        echo "GET /health did not answer 200 within 60 s; service log:" >&2
        tail -n 40 "$SERVICE_LOG" >&2
        exit 1
    fi
    STARTUP_MS=$(( healthy_ms - STARTED_MS ))
}


# A scratch PostgreSQL database for one run, named <prefix>_<pid> in DB, dropped on exit unless
# KEEP_DATA=1 (the trap also stops the service and removes WORK_DIR); sql runs psql on it.
scratch_database() {
    command -v psql >/dev/null || { echo "psql is required (apt-get install postgresql-client)" >&2; exit 2; }
    psql -d postgres -qtAc 'SELECT 1' >/dev/null || { echo "PostgreSQL is not reachable at $PGHOST:$PGPORT as $PGUSER" >&2; exit 2; }
    DB="$1_$$"
    trap 'status=$?; stop_service; drop_db; [[ $status -ne 0 || "$KEEP_DATA" == 1 ]] && log "kept $WORK_DIR"; [[ $status -eq 0 && "$KEEP_DATA" != 1 ]] && rm -rf "$WORK_DIR"; exit $status' EXIT
    psql -d postgres -qc "CREATE DATABASE $DB" >/dev/null
}
drop_db() { [[ "$KEEP_DATA" == 1 ]] || psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
sql() { psql -d "$DB" -qtAX "$@"; }
