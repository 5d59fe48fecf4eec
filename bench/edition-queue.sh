#!/usr/bin/env bash
# Benchmark of composing an edition for 1,000,000 confirmed subscribers on PostgreSQL: the time of
# POST /admin/editions (one set-based INSERT ... SELECT into the outbox), with the service's heap
# capped at 128 MB to show the subscriber list never passes through it. Target: at most 15 s.
#
# Usage, from the repository root:  bench/edition-queue.sh [--build]
# Environment: PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres]  SUBSCRIBERS [1000000]
#              KEEP_DATA [0] (1 keeps the scratch database and the service log)
#
# It creates a scratch database, starts the service on it (delivery workers off, so the queue
# stays as composed), seeds the subscribers with generate_series (a third with topics), posts
# an article per topic through the admin API (so every reader is a recipient), times the trigger, checks the outbox row count, prints the
# service's heap use, and drops the database.
set -euo pipefail

FORCE_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --build) FORCE_BUILD=1 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SUBSCRIBERS="${SUBSCRIBERS:-1000000}"
KEEP_DATA="${KEEP_DATA:-0}"
JAVA_OPTS="${JAVA_OPTS:-}"
TARGET_SECONDS=15
ROOT="$PWD"
JAR="$ROOT/target/tidings-0.1.0-SNAPSHOT.jar"
[[ -f "$ROOT/pom.xml" ]] || { echo "Run this from the repository root." >&2; exit 2; }

source "$ROOT/bench/lib.sh"
scratch_database tidings_bench
TOKEN="bench-$(date +%s%N)"
SERVICE_ENV=(DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATABASE_USER="$PGUSER" ADMIN_TOKEN="$TOKEN"
             DELIVERY_WORKERS=0 EDITION_SCHEDULE=false SAMPLE_ARTICLES=false)
SERVICE_HEAP=-Xmx128m
log "starting the service on $DB with $SERVICE_HEAP"
launch "$DATA_DIR"
await_healthy

log "seeding $SUBSCRIBERS confirmed weekly subscribers"
psql -d "$DB" -q <<SQL
INSERT INTO subscriber (uid, email, email_key, status, frequency, manage_token_hash, created_at, confirmed_at)
SELECT md5('u' || i), 'reader' || i || '@example.com', 'reader' || i || '@example.com', 'CONFIRMED', 'WEEKLY',
       md5('m' || i), now(), now()
FROM generate_series(1, $SUBSCRIBERS) AS i;
INSERT INTO subscriber_topic (subscriber_id, topic)
SELECT id, CASE id % 2 WHEN 0 THEN 'baby' ELSE 'fertility' END FROM subscriber WHERE id % 3 = 0;
ANALYZE;
SQL

admin() { curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
for topic in fertility pregnancy postpartum baby; do
    admin -o /dev/null -d "{\"url\":\"https://site.example/bench-$topic\",\"title\":\"Bench article on $topic\",\"topics\":[\"$topic\"]}" \
        "$BASE/admin/articles"
done

log "POST /admin/editions {\"frequency\":\"weekly\"}"
START_MS="$(now_ms)"
ANSWER="$(admin -d '{"frequency":"weekly"}' "$BASE/admin/editions")"
ELAPSED_MS=$(( $(now_ms) - START_MS ))
RECIPIENTS="$(echo "$ANSWER" | grep -o '"recipientCount":[0-9]*' | cut -d: -f2)"
ROWS="$(psql -d "$DB" -qtAc "SELECT COUNT(*) FROM outbox WHERE kind = 'DIGEST'")"
HEAP="$(jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | grep -m1 -o 'total [0-9]*K, used [0-9]*K' || echo unavailable)"
RSS_KB="$(awk '/VmRSS/ { print $2 }' "/proc/$SERVICE_PID/status")"
[[ -n "$RECIPIENTS" ]] || { echo "the trigger did not queue an edition: $ANSWER" >&2; exit 1; }

awk -v ms="$ELAPSED_MS" -v target="$TARGET_SECONDS" -v n="$RECIPIENTS" -v rows="$ROWS" -v subs="$SUBSCRIBERS" \
    -v heap="$HEAP" -v rss="$RSS_KB" -v loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    s = ms / 1000
    printf "\n==== edition queued on PostgreSQL (%d subscribers) ====\n", subs
    printf "recipients queued  %d (outbox rows: %d)\n", n, rows
    printf "trigger took       %.2f s   target %d s: ratio %.2f (%s)\n", s, target, target / s, (s <= target ? "met" : "NOT met")
    printf "rate               %.0f rows/s\n", n / s
    printf "service heap       %s of a 128 MB cap; RSS %d MB\n", heap, rss / 1024
    printf "load average       %s\n", loadavg
}'
[[ "$RECIPIENTS" == "$ROWS" ]] || { echo "recipient count $RECIPIENTS differs from outbox rows $ROWS" >&2; exit 1; }
