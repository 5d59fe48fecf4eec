#!/usr/bin/env bash
# Benchmark of a large import as a job, and of the streaming export, on PostgreSQL with the service's
# heap capped at 256 MB: READERS readers (about 70 MB of CSV for 1,000,000, generated here, a few
# hundred bad lines among them) go in through POST /admin/subscribers/imports, and
# GET /admin/subscribers/export gives them back. Targets: at least 20,000 rows/s for the import; the
# export identical in content to the good lines of the input (order aside).
#
# Usage, from the repository root:  bench/import-export.sh [--build]
# Environment: PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres]  READERS [1000000]
#              KEEP_DATA [0] (1 keeps the scratch database, the files and the service log)
#
# Prints: upload time, import time and rows/s (from the POST to the job's end), the CPU the import
# took in the service and in PostgreSQL (load-independent, unlike the rate), the job's counts and
# the rejected lines it reports, export time, whether the export matches the input, and the service's
# peak heap in use (sampled with jstat every 0.5 s) and peak RSS.
set -euo pipefail

FORCE_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --build) FORCE_BUILD=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
READERS="${READERS:-1000000}"
KEEP_DATA="${KEEP_DATA:-0}"
JAVA_OPTS="${JAVA_OPTS:-}"
TARGET_RATE=20000
BAD_EVERY=5000
ROOT="$PWD"
JAR="$ROOT/target/tidings-0.1.0-SNAPSHOT.jar"
[[ -f "$ROOT/pom.xml" ]] || { echo "Run this from the repository root." >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is required (apt-get install postgresql-client)" >&2; exit 2; }
command -v jstat >/dev/null || { echo "jstat (from the JDK) is required" >&2; exit 2; }
psql -d postgres -qtAc 'SELECT 1' >/dev/null || { echo "PostgreSQL is not reachable at $PGHOST:$PGPORT as $PGUSER" >&2; exit 2; }

source "$ROOT/bench/lib.sh"
DB="tidings_bench_$$"
TOKEN="bench-$(date +%s%N)"
SAMPLER_PID=""
drop_db() { [[ "$KEEP_DATA" == 1 ]] || psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
trap 'status=$?; [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null; stop_service; drop_db; [[ $status -ne 0 || "$KEEP_DATA" == 1 ]] && log "kept $WORK_DIR"; [[ $status -eq 0 && "$KEEP_DATA" != 1 ]] && rm -rf "$WORK_DIR"; exit $status' EXIT

INPUT="$WORK_DIR/readers.csv"
GOOD="$WORK_DIR/good.csv"
log "generating $READERS readers in $INPUT (a bad line every $BAD_EVERY)"
# Tidings' own columns and quoting (CRLF, RFC 4180 quotes only where needed), and names a spreadsheet
# would run as formulas already guarded with a leading quote, as the export writes them.
awk -v n="$READERS" -v bad="$BAD_EVERY" -v good="$GOOD" 'BEGIN {
    header = "email,name,topics,frequency,consent_source,consented_at\r"
    print header; print header > good
    split("baby;pregnancy,,fertility,,", topics, ",")
    for (i = 1; i <= n; i++) {
        name = (i % 7 == 0) ? "\"Doe, Reader " i "\"" : (i % 101 == 0) ? "'\''=SUM(" i ")" : (i % 13 == 0) ? "" : "Reader " i
        line = sprintf("r%d@example.com,%s,%s,%s,%s,2025-%02d-%02dT%02d:%02d:%02dZ\r", i, name, topics[i % 5 + 1],
            (i % 4 == 0) ? "daily" : "weekly", (i % 3 == 0) ? "form" : "\"list, 2024\"",
            i % 12 + 1, i % 28 + 1, i % 24, i % 60, (i * 7) % 60)
        print line; print line > good
        if (i % bad == 0) {
            print "not-an-address-" i ",Bad " i ",,weekly,site form,2025-01-01T00:00:00Z\r"
        }
    }
}' > "$INPUT"
SIZE_MB="$(awk -v b="$(stat -c %s "$INPUT")" 'BEGIN { printf "%.1f", b / 1048576 }')"
BAD_LINES=$(( READERS / BAD_EVERY ))

psql -d postgres -qc "CREATE DATABASE $DB" >/dev/null
SERVICE_ENV=(DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATABASE_USER="$PGUSER" ADMIN_TOKEN="$TOKEN"
             DELIVERY_WORKERS=0 EDITION_SCHEDULE=false SAMPLE_ARTICLES=false IMPORT_DIR="$WORK_DIR/imports")
SERVICE_HEAP=-Xmx256m
log "starting the service on $DB with $SERVICE_HEAP"
launch "$DATA_DIR"
await_healthy

# Peak heap in use (survivors, eden and old generation) and the JVM's peak RSS, sampled while it works.
( peak=0; while kill -0 "$SERVICE_PID" 2>/dev/null; do
      used="$(jstat -gc "$SERVICE_PID" 2>/dev/null | awk 'NR == 2 { printf "%d", $3 + $4 + $6 + $8 }')"
      [[ -n "$used" ]] && (( used > peak )) && { peak=$used; echo "$peak" > "$WORK_DIR/peak-heap-kb"; }
      sleep 0.5
  done ) &
SAMPLER_PID=$!

# CPU seconds (user + system) of a process, and of the PostgreSQL backends serving the scratch database.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
backend_ticks() {
    echo "0 0"
    for pid in $(psql -d postgres -qtAc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"); do
        echo "$pid $(cpu_ticks "$pid")"
    done
}
TICKS="$(getconf CLK_TCK)"

log "POST /admin/subscribers/imports ($SIZE_MB MB)"
SERVICE_TICKS_BEFORE="$(cpu_ticks "$SERVICE_PID")"
backend_ticks > "$WORK_DIR/backends-before"
START_MS="$(now_ms)"
LOCATION="$(curl -s -D - -o "$WORK_DIR/started.json" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary "@$INPUT" "$BASE/admin/subscribers/imports" | awk 'tolower($1) == "location:" { print $2 }' | tr -d '\r')"
UPLOAD_MS=$(( $(now_ms) - START_MS ))
[[ -n "$LOCATION" ]] || { echo "the upload was not accepted: $(cat "$WORK_DIR/started.json")" >&2; exit 1; }
while :; do
    JOB="$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE$LOCATION")"
    [[ "$JOB" == *'"status":"running"'* ]] || break
    sleep 0.2
done
IMPORT_MS=$(( $(now_ms) - START_MS ))
SERVICE_CPU="$(awk -v a="$SERVICE_TICKS_BEFORE" -v b="$(cpu_ticks "$SERVICE_PID")" -v t="$TICKS" 'BEGIN { printf "%.1f", (b - a) / t }')"
DB_CPU="$(backend_ticks | awk -v t="$TICKS" 'NR == FNR { before[$1] = $2; next } { sum += $2 - before[$1] } END { printf "%.1f", sum / t }' \
    "$WORK_DIR/backends-before" -)"
field() { echo "$JOB" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
[[ "$JOB" == *'"status":"done"'* ]] || { echo "the job did not end done: $JOB" >&2; exit 1; }
REJECTED_REPORTED="$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE$LOCATION/rejected" | tail -n +2 | wc -l)"

log "GET /admin/subscribers/export"
EXPORT_START_MS="$(now_ms)"
curl -s -H "Authorization: Bearer $TOKEN" -o "$WORK_DIR/export.csv" "$BASE/admin/subscribers/export"
EXPORT_MS=$(( $(now_ms) - EXPORT_START_MS ))
if cmp -s <(head -n 1 "$GOOD"; tail -n +2 "$GOOD" | LC_ALL=C sort) \
          <(head -n 1 "$WORK_DIR/export.csv"; tail -n +2 "$WORK_DIR/export.csv" | LC_ALL=C sort); then
    SAME="identical (order aside)"
else
    SAME="DIFFERENT"
fi
PEAK_HEAP_KB="$(cat "$WORK_DIR/peak-heap-kb" 2>/dev/null || echo 0)"
PEAK_RSS_KB="$(awk '/VmHWM/ { print $2 }' "/proc/$SERVICE_PID/status")"

awk -v readers="$READERS" -v mb="$SIZE_MB" -v upload="$UPLOAD_MS" -v ms="$IMPORT_MS" -v target="$TARGET_RATE" \
    -v processed="$(field processed)" -v imported="$(field imported)" -v skipped="$(field skipped)" \
    -v rejected="$(field rejected)" -v reported="$REJECTED_REPORTED" -v bad="$BAD_LINES" -v export="$EXPORT_MS" \
    -v same="$SAME" -v service_cpu="$SERVICE_CPU" -v db_cpu="$DB_CPU" -v heap="$PEAK_HEAP_KB" -v rss="$PEAK_RSS_KB" -v loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    rate = processed / (ms / 1000)
    printf "\n==== import and export on PostgreSQL (%d readers, %s MB of CSV, -Xmx256m) ====\n", readers, mb
    printf "upload             %.1f s (streamed to disk)\n", upload / 1000
    printf "import             %.1f s from the POST to done: %.0f rows/s   target %d: ratio %.2f (%s)\n",
        ms / 1000, rate, target, rate / target, (rate >= target ? "met" : "NOT met")
    printf "import CPU         service %.1f s + PostgreSQL %.1f s = %.0f us a row (one after the other, as a batch runs: %.0f rows/s on an idle machine)\n",
        service_cpu, db_cpu, (service_cpu + db_cpu) * 1e6 / processed, processed / (service_cpu + db_cpu)
    printf "job counts         processed %d, imported %d, skipped %d, rejected %d (bad lines written: %d; rejected CSV lines: %d)\n",
        processed, imported, skipped, rejected, bad, reported
    printf "export             %.1f s (%.0f rows/s); compared with the input: %s\n", export / 1000, imported / (export / 1000), same
    printf "peak heap in use   %d MB of 256 MB; peak RSS %d MB\n", heap / 1024, rss / 1024
    printf "load average       %s\n", loadavg
}'
[[ "$SAME" != DIFFERENT && "$(field imported)" == "$READERS" && "$REJECTED_REPORTED" == "$BAD_LINES" ]] \
    || { echo "the export or the counts do not match the input" >&2; exit 1; }
