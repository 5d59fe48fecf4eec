#!/usr/bin/env bash
# Benchmark of figures against delivery history on PostgreSQL: 1,000,000 confirmed readers, then
# HISTORY_EDITIONS past editions of one digest per reader (10,000,000 outbox rows by default), all
# made with generate_series. In one run it times, with the past editions folded (their counts, no
# rows: what the retention leaves) and then with their rows held in the outbox:
#   GET /admin/stats, GET /admin/editions (median of REPEAT requests), a claim (the service's
#   PostgreSQL claim statement, 100 rows leased and rolled back, median of REPEAT), and
#   POST /api/subscriptions p99 (wrk, WRK_SECONDS),
# and prints each ratio. Targets: every figure within 1.5x of its figure without history, and
# GET /admin/stats under 100 ms. Then (FOLD_SECONDS > 0) it restarts the service with the default
# 90-day retention and measures the history fold: rows removed a second, claims meanwhile, and
# that the figures did not change.
#
# Usage, from the repository root:  bench/scale.sh [--build]
# Environment: PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres]  READERS [1000000]
#              HISTORY_EDITIONS [10]  REPEAT [15]  WRK_SECONDS [15]  FOLD_SECONDS [180]
#              KEEP_DATA [0] (1 keeps the scratch database and the service log)
set -euo pipefail

FORCE_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --build) FORCE_BUILD=1 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
READERS="${READERS:-1000000}"
HISTORY_EDITIONS="${HISTORY_EDITIONS:-10}"
REPEAT="${REPEAT:-15}"
WRK_SECONDS="${WRK_SECONDS:-15}"
FOLD_SECONDS="${FOLD_SECONDS:-180}"
KEEP_DATA="${KEEP_DATA:-0}"
JAVA_OPTS="${JAVA_OPTS:-}"
LIVE=10000
ROOT="$PWD"
JAR="$ROOT/target/tidings-0.1.0-SNAPSHOT.jar"
[[ -f "$ROOT/pom.xml" ]] || { echo "Run this from the repository root." >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }

source "$ROOT/bench/lib.sh"
scratch_database tidings_scale
TOKEN="bench-$(date +%s%N)"
SERVICE_ENV=(DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATABASE_USER="$PGUSER" ADMIN_TOKEN="$TOKEN"
             DELIVERY_WORKERS=0 EDITION_SCHEDULE=false SAMPLE_ARTICLES=false
             SUBSCRIBE_REQUESTS_PER_CLIENT_MINUTE=100000000 DELIVERY_HISTORY_RETENTION=36500d)
log "starting the service on $DB (history retention off while measuring)"
launch "$DATA_DIR"
await_healthy

STEP_MS="$(now_ms)"
log "seeding $READERS confirmed weekly readers and an edition sending to $LIVE of them"
sql <<SQL
INSERT INTO subscriber (uid, email, email_key, status, frequency, manage_token_hash, created_at, confirmed_at)
SELECT md5('u' || i), 'reader' || i || '@example.com', 'reader' || i || '@example.com', 'CONFIRMED', 'WEEKLY',
       md5('m' || i), now() - interval '2 years', now() - interval '2 years' + i * interval '1 minute' / 20
FROM generate_series(1, $READERS) AS i;
INSERT INTO subscriber_topic (subscriber_id, topic)
SELECT id, CASE id % 2 WHEN 0 THEN 'baby' ELSE 'fertility' END FROM subscriber WHERE id % 3 = 0;
-- The edition now sending: its digests wait to be claimed.
INSERT INTO edition (frequency, slot, window_start, window_end, status, message_prefix, article_count, recipient_count, created_at)
VALUES ('WEEKLY', now(), now() - interval '7 days', now(), 'ACTIVE', 'live', 1, $LIVE, now());
INSERT INTO outbox (kind, subscriber_id, edition_id, recipient, message_id, status, attempts, due_at, created_at)
SELECT 'DIGEST', s, (SELECT MAX(id) FROM edition), 'reader' || s || '@example.com', '<live.' || s || '@example.com>',
       'PENDING', 0, now(), now()
FROM generate_series(1, $LIVE) AS s;
VACUUM ANALYZE;
SQL
log "seeded in $(( ($(now_ms) - STEP_MS) / 1000 )) s"

# Median of the time_total of REPEAT requests, in ms, after 3 unmeasured ones.
median_get() {
    local path="$1" times=()
    for i in $(seq 1 $(( REPEAT + 3 ))); do
        local t
        t="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "$BASE$path")"
        [[ "${t%% *}" == 200 ]] || { echo "GET $path answered ${t%% *}" >&2; exit 1; }
        (( i > 3 )) && times+=("${t#* }")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f", v[int((NR + 1) / 2)] }'
}

# The service's PostgreSQL claim (OutboxRepository.leaseDue, no edition held), 100 rows, rolled back.
CLAIM="WITH pending AS (SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= now()
  AND (due_at, id) >= ('-infinity'::timestamptz, 0) AND (kind <> 'DIGEST' OR NOT COALESCE(edition_id IN (NULL), FALSE))
  ORDER BY due_at, id LIMIT 100 FOR UPDATE SKIP LOCKED),
 expired AS (SELECT id FROM outbox WHERE status = 'SENDING' AND lease_until < now()
  AND (kind <> 'DIGEST' OR NOT COALESCE(edition_id IN (NULL), FALSE)) ORDER BY lease_until LIMIT 100 FOR UPDATE SKIP LOCKED)
 UPDATE outbox SET status = 'SENDING', lease_owner = 'bench', lease_until = now() + interval '5 minutes', attempts = attempts + 1
 WHERE id IN (SELECT id FROM pending UNION ALL SELECT id FROM expired LIMIT 100) RETURNING *"
median_claim() {
    local script="$WORK_DIR/claims.sql"
    : >"$script"
    for _ in $(seq 1 $(( REPEAT + 3 ))); do
        printf 'BEGIN;\n\\timing on\n%s;\n\\timing off\nROLLBACK;\n' "$CLAIM" >>"$script"
    done
    sql -o /dev/null -f "$script" 2>/dev/null | grep -o 'Time: [0-9.]*' | awk '{ print $2 }' | tail -n "$REPEAT" \
        | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'
}

subscribe_p99() {
    local out
    out="$(wrk --latency -t1 -c8 -d"${WRK_SECONDS}s" --timeout 5s -s "$ROOT/bench/subscribe.lua" "$BASE" -- "$1-$(date +%s)" | grep '^BENCH ')"
    grep -q 'non202=0 ' <<<"$out" || { echo "POST /api/subscriptions answered other than 202: $out" >&2; exit 1; }
    sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$out" | awk '{ printf "%.1f", $1 / 1000 }'
}

measure() {
    local tag="$1"
    log "measuring $tag: outbox rows $(sql -c 'SELECT COUNT(*) FROM outbox')"
    STATS["$tag"]="$(median_get /admin/stats)"
    EDITIONS["$tag"]="$(median_get /admin/editions)"
    CLAIMS["$tag"]="$(median_claim)"
    SUBSCRIBE["$tag"]="$(subscribe_p99 "$tag")"
    log "$tag: stats ${STATS[$tag]} ms, editions ${EDITIONS[$tag]} ms, claim ${CLAIMS[$tag]} ms, subscribe p99 ${SUBSCRIBE[$tag]} ms"
}
declare -A STATS EDITIONS CLAIMS SUBSCRIBE
deliveries() { curl -s -H "Authorization: Bearer $TOKEN" "$BASE/admin/stats" | grep -o '"deliveries":{[^}]*}}'; }

# Without history: the same past editions, as the retention leaves them (folded counts, no rows), so
# both runs list and count the same editions and differ by the outbox rows alone.
log "adding $HISTORY_EDITIONS past editions of $READERS digests each, folded"
for e in $(seq 1 "$HISTORY_EDITIONS"); do
    age="$(( 100 + 7 * (HISTORY_EDITIONS - e) )) days"
    sql <<SQL
INSERT INTO edition (frequency, slot, window_start, window_end, status, message_prefix, article_count, recipient_count,
                     created_at, completed_at)
VALUES ('WEEKLY', now() - interval '$age', now() - interval '$age' - interval '7 days', now() - interval '$age', 'ACTIVE',
        'past$e', 1, $READERS, now() - interval '$age', now() - interval '$age' + interval '1 hour');
INSERT INTO delivery_count (edition_id, kind, status, held, n)
SELECT MAX(id), 'DIGEST', 'SENT', FALSE, $READERS - $READERS / 200 FROM edition
UNION ALL SELECT MAX(id), 'DIGEST', 'FAILED', FALSE, $READERS / 200 FROM edition;
SQL
done
measure without
LOAD_WITHOUT="$(cut -d' ' -f1-3 /proc/loadavg)"
FIGURES_WITHOUT="$(deliveries)"

STEP_MS="$(now_ms)"
log "adding the past editions' $(( HISTORY_EDITIONS * READERS )) outbox rows (generate_series), counted by the triggers"
sql -c "DELETE FROM delivery_count WHERE NOT held" >/dev/null
for e in $(seq 1 "$HISTORY_EDITIONS"); do
    age="$(( 100 + 7 * (HISTORY_EDITIONS - e) )) days"
    sql <<SQL
INSERT INTO outbox (kind, subscriber_id, edition_id, recipient, message_id, status, attempts, due_at, created_at, sent_at, relay_reply, last_error)
SELECT 'DIGEST', s, (SELECT id FROM edition WHERE message_prefix = 'past$e'), 'reader' || s || '@example.com',
       '<past$e.' || s || '@example.com>', CASE WHEN s % 200 = 0 THEN 'FAILED' ELSE 'SENT' END, 1,
       now() - interval '$age', now() - interval '$age', now() - interval '$age' + s * interval '3 milliseconds',
       CASE WHEN s % 200 = 0 THEN NULL ELSE '250 2.0.0 Ok: queued as 4Z' || s END,
       CASE WHEN s % 200 = 0 THEN '550 5.1.1 user unknown' END
FROM generate_series(1, $READERS) AS s;
SQL
    log "  edition $e of $HISTORY_EDITIONS ($age old) after $(( ($(now_ms) - STEP_MS) / 1000 )) s"
done
sql -c 'VACUUM ANALYZE outbox' >/dev/null
HISTORY_ROWS="$(sql -c 'SELECT COUNT(*) FROM outbox')"
HISTORY_S="$(( ($(now_ms) - STEP_MS) / 1000 ))"
log "history made and vacuumed in $HISTORY_S s: $HISTORY_ROWS outbox rows"
measure with
LOAD_WITH="$(cut -d' ' -f1-3 /proc/loadavg)"
FIGURES_WITH="$(deliveries)"
# The runs' subscriptions queue confirmations: compare the digests, the history's part.
digest_figures() { sed -E 's/"(pending|total)":[0-9]+//g' <<<"$1"; }
if [[ "$(digest_figures "$FIGURES_WITHOUT")" != "$(digest_figures "$FIGURES_WITH")" ]]; then
    echo "the delivery figures differ between the folded and the held history: $FIGURES_WITHOUT, $FIGURES_WITH" >&2
    exit 1
fi

FOLD_LINE="not measured (FOLD_SECONDS=0)"
if (( FOLD_SECONDS > 0 )); then
    FIGURES_BEFORE="$(deliveries)"
    stop_service
    SERVICE_ENV=("${SERVICE_ENV[@]/DELIVERY_HISTORY_RETENTION=36500d/DELIVERY_HISTORY_RETENTION=90d}" DELIVERY_HISTORY_CHECK_INTERVAL=1s
                 DELIVERY_HISTORY_BATCH_SIZE="${DELIVERY_HISTORY_BATCH_SIZE:-2000}")
    log "restarting with a 90-day retention; folding for $FOLD_SECONDS s"
    launch "$DATA_DIR"
    await_healthy
    START_MS="$(now_ms)"
    DURING=()
    # Claims timed every few seconds while the job folds, until it is done or time is up.
    while (( $(now_ms) - START_MS < FOLD_SECONDS * 1000 )); do
        DURING+=("$(REPEAT=5 median_claim)")
        sleep 2
        (( $(sql -c "SELECT COALESCE(SUM(n), 0) FROM delivery_count WHERE held AND edition_id IN
                     (SELECT id FROM edition WHERE message_prefix LIKE 'past%')") == 0 )) && break
    done
    FIGURES_AFTER="$(deliveries)"
    CLAIM_DURING="$(printf '%s\n' "${DURING[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f ms median, %.2f ms max", v[int((NR + 1) / 2)], v[NR] }')"
    # The job logs each edition it folded: "History of edition 7 folded: 1000000 rows older than P90D in 61234 ms".
    FOLD_LINE="$(grep -o 'History of edition [0-9]* folded: [0-9]* rows older than [A-Z0-9]* in [0-9]* ms' "$SERVICE_LOG" \
        | awk -v batch="${DELIVERY_HISTORY_BATCH_SIZE:-2000}" '{ n++; rows += $6; ms += $(NF - 1) }
              END { if (n == 0) print "no edition folded within the time"; else printf "%d editions, %d rows in %.1f s: %.0f rows/s (batches of %d)", n, rows, ms / 1000, rows / (ms / 1000), batch }')"
    FOLD_LINE="$FOLD_LINE; claim meanwhile $CLAIM_DURING"
    if [[ "$FIGURES_BEFORE" != "$FIGURES_AFTER" ]]; then
        echo "the delivery figures changed while history folded: $FIGURES_BEFORE then $FIGURES_AFTER" >&2
        exit 1
    fi
    FOLD_LINE="$FOLD_LINE; /admin/stats deliveries unchanged"
fi

awk -v readers="$READERS" -v rows="$HISTORY_ROWS" -v made="$HISTORY_S" \
    -v s0="${STATS[without]}" -v s1="${STATS[with]}" -v e0="${EDITIONS[without]}" -v e1="${EDITIONS[with]}" \
    -v c0="${CLAIMS[without]}" -v c1="${CLAIMS[with]}" -v p0="${SUBSCRIBE[without]}" -v p1="${SUBSCRIBE[with]}" \
    -v l0="$LOAD_WITHOUT" -v l1="$LOAD_WITH" -v fold="$FOLD_LINE" 'function row(name, a, b) {
        r = b / a
        printf "%-28s %10.2f %10.2f %8.2f  %s\n", name, a, b, r, (r <= 1.5 ? "met" : "NOT met")
    }
    BEGIN {
    printf "\n==== figures against delivery history on PostgreSQL (%d readers, %d outbox rows with history, made in %d s) ====\n", readers, rows, made
    printf "%-28s %10s %10s %8s  %s\n", "ms", "without", "with", "ratio", "target 1.5x"
    row("GET /admin/stats (median)", s0, s1)
    row("GET /admin/editions (median)", e0, e1)
    row("claim of 100 (median)", c0, c1)
    row("POST /api/subscriptions p99", p0, p1)
    printf "GET /admin/stats with history %.1f ms: target 100 ms, ratio %.2f (%s)\n", s1, 100 / s1, (s1 < 100 ? "met" : "NOT met")
    printf "history fold                 %s\n", fold
    printf "load average                 %s (without), %s (with)\n", l0, l1
}'
