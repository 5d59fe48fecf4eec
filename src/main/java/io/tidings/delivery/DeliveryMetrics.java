package io.tidings.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Delivery as Prometheus sees it: {@code tidings_messages_<outcome>_total{kind}} counters (deferred:
 * handed back uncharged while the relay said it was busy),
 * the send latency histogram {@code tidings_send_seconds}, and {@code tidings_outbox_messages{status}},
 * the rows waiting or in flight across all instances (read from the outbox's counts at most every few
 * seconds, however often it is scraped).
 */
@Singleton
class DeliveryMetrics {

    private static final Duration DEPTH_MAX_AGE = Duration.ofSeconds(5);
    private static final List<MessageStatus> QUEUED = List.of(MessageStatus.PENDING, MessageStatus.SENDING);
    private final DeliveryCounts counts;
    private final Clock clock;
    private final Timer sendTime;
    private final Map<Outcome, Map<MessageKind, Counter>> messages = new EnumMap<>(Outcome.class);
    private final Map<MessageStatus, Long> depth = new EnumMap<>(MessageStatus.class);
    private Instant depthReadAt = Instant.MIN;

    DeliveryMetrics(MeterRegistry registry, DeliveryCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
        this.sendTime = Timer.builder("tidings.send")
                .description("Time to hand one message to the relay, connecting included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        // Every series exists from the start at zero, so a dashboard's rate() has a baseline.
        for (Outcome outcome : Outcome.values()) {
            Map<MessageKind, Counter> byKind = new EnumMap<>(MessageKind.class);
            String name = outcome.name().toLowerCase(Locale.ROOT);
            for (MessageKind kind : MessageKind.values()) {
                byKind.put(kind, Counter.builder("tidings.messages." + name)
                        .description("Outbox messages " + name)
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            messages.put(outcome, byKind);
        }
        for (MessageStatus status : QUEUED) {
            Gauge.builder("tidings.outbox.messages", this, metrics -> metrics.depth(status))
                    .description("Outbox rows by status: waiting to be sent, or claimed and being sent")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** What became of one message's attempt, as counted in {@code tidings_messages_<outcome>_total}. */
    enum Outcome { SENT, FAILED, RETRIED, SUPPRESSED, DEFERRED }

    void counted(Outcome outcome, MessageKind kind) {
        messages.get(outcome).get(kind).increment();
    }

    void sendTook(Duration duration) {
        sendTime.record(duration);
    }

    private synchronized double depth(MessageStatus status) {
        Instant now = clock.instant();
        if (depthReadAt.plus(DEPTH_MAX_AGE).isBefore(now)) {
            Map<MessageStatus, Long> all = counts.byStatus();
            QUEUED.forEach(queued -> depth.put(queued, all.getOrDefault(queued, 0L)));
            depthReadAt = now;
        }
        return depth.get(status);
    }
}
