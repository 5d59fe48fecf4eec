package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.MessageStatus;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bounces page shows: per edition, each type's count against the digests that got an answer
 * (sent or refused), the complaint rate against Gmail's and Yahoo's lines, and a warning when refusals
 * of the sender say the domain is in trouble; and the latest entries.
 */
@Singleton
class BounceFigures {

    static final int EDITIONS = 10;
    static final int LATEST = 50;
    /**
     * Refusals of the sender (policy, reputation, SPF/DKIM/DMARC) run well under 1% on a healthy list;
     * 2% of an edition means receivers refuse the domain itself, and more than a handful rules out one
     * strict mail server. Either is worth stopping the next edition for.
     */
    static final double BLOCKED_ALARM = 0.02;
    static final long BLOCKED_ALARM_AT_LEAST = 3;
    /** Gmail's and Yahoo's sender rules: keep spam complaints under 0.1%, never reach 0.3%. */
    static final double COMPLAINTS_WATCH = 0.001;
    static final double COMPLAINTS_LIMIT = 0.003;
    private final BounceQueries queries;
    private final BounceRepository bounces;
    private final Outbox outbox;

    BounceFigures(BounceQueries queries, BounceRepository bounces, Outbox outbox) {
        this.queries = queries;
        this.bounces = bounces;
        this.outbox = outbox;
    }

    /**
     * One edition's figures; rates as shown ("1.25%", "–" when nothing went out).
     *
     * @param sent       the edition's digests that got an answer: the relay took them, or refused them
     * @param complaints "over" past 0.3%, "watch" past 0.1%, else "ok"
     */
    record EditionRates(long editionId, long sent, long hard, long soft, long blocked, long complaint,
                        String hardRate, String softRate, String blockedRate, String complaintRate,
                        String complaints, boolean blockedAlarm) {

        static EditionRates of(long editionId, long sent, Map<String, Long> counts) {
            long hard = counts.getOrDefault("hard", 0L);
            long soft = counts.getOrDefault("soft", 0L);
            long blocked = counts.getOrDefault("blocked", 0L);
            long complaint = counts.getOrDefault("complaint", 0L);
            double complaintShare = share(complaint, sent);
            String complaints = complaintShare > COMPLAINTS_LIMIT ? "over" : complaintShare > COMPLAINTS_WATCH ? "watch" : "ok";
            boolean alarm = blocked >= BLOCKED_ALARM_AT_LEAST && share(blocked, sent) >= BLOCKED_ALARM;
            return new EditionRates(editionId, sent, hard, soft, blocked, complaint, rate(hard, sent), rate(soft, sent),
                    rate(blocked, sent), rate(complaint, sent), complaints, alarm);
        }

        private static double share(long count, long sent) {
            return sent == 0 ? (count > 0 ? 1 : 0) : (double) count / sent;
        }

        private static String rate(long count, long sent) {
            return sent == 0 ? "–" : String.format(Locale.ROOT, "%.2f%%", 100.0 * count / sent);
        }
    }

    /** One entry of the list, as shown. */
    record Entry(long id, String recipient, String type, @Nullable String status, String source, Instant receivedAt,
                 boolean restored) {
    }

    /** The latest editions anything came back about, newest first. */
    @Transactional(readOnly = true)
    List<EditionRates> editions() {
        List<Long> ids = queries.latestEditions(EDITIONS);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        queries.countsOf(ids).forEach(c -> counts.computeIfAbsent(c.editionId(), id -> new HashMap<>()).put(c.type(), c.count()));
        return ids.stream().map(id -> EditionRates.of(id, answered(id), counts.getOrDefault(id, Map.of()))).toList();
    }

    /** The latest entries, of one type or all (null). */
    @Transactional(readOnly = true)
    List<Entry> latest(@Nullable String type) {
        return bounces.listed(type, Instant.EPOCH, LATEST, 0).stream()
                .map(b -> new Entry(b.id(), b.recipient(), b.type(), b.status(), b.source(), b.receivedAt(), b.restoredAt() != null))
                .toList();
    }

    private long answered(long editionId) {
        Map<MessageStatus, Long> counts = outbox.digestCounts(editionId);
        return counts.getOrDefault(MessageStatus.SENT, 0L) + counts.getOrDefault(MessageStatus.FAILED, 0L);
    }
}
