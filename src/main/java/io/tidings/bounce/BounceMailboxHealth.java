package io.tidings.bounce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounce mailbox as operators see it. {@code /health}: {@code DEGRADED} while the last poll could
 * not read the mailbox or record what it said (an operational status: the service still sends, but
 * bounces wait). Prometheus: {@code tidings_bounce_mailbox_last_poll_seconds{outcome}}, when the last
 * poll with each outcome ended (so {@code time() - ...{outcome="ok"}} is how stale bounce handling is),
 * and {@code tidings_bounce_mailbox_messages_total{result}}, messages removed after their bounces were
 * recorded and messages left because they were not bounces.
 */
@Singleton
@Readiness
@Requires(property = "tidings.bounce-mailbox.url", pattern = ".*\\S.*")
class BounceMailboxHealth implements HealthIndicator {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "bounces cannot be read from the mailbox now; they wait there", true, 500);

    private final String mailbox;
    private final Map<MailboxPoll.Result, Double> lastAt = new EnumMap<>(MailboxPoll.Result.class);
    private final Counter removed;
    private final Counter left;
    private volatile HealthResult last;

    BounceMailboxHealth(MailboxAddress address, MeterRegistry registry) {
        this.mailbox = address.toString();
        this.last = HealthResult.builder("bounce-mailbox", HealthStatus.UNKNOWN)
                .details(Map.of("mailbox", mailbox, "reason", "not read yet")).build();
        for (MailboxPoll.Result result : MailboxPoll.Result.values()) {
            lastAt.put(result, Double.NaN);
            Gauge.builder("tidings.bounce.mailbox.last.poll", this, health -> health.lastAt(result))
                    .description("When the last poll of the bounce mailbox with this outcome ended (Unix time)")
                    .baseUnit("seconds").tag("outcome", result.label()).register(registry);
        }
        this.removed = messages(registry, "removed", "recorded as bounces, then deleted or moved away");
        this.left = messages(registry, "left", "not bounces, left untouched");
    }

    private static Counter messages(MeterRegistry registry, String result, String what) {
        return Counter.builder("tidings.bounce.mailbox.messages").tag("result", result)
                .description("Messages in the bounce mailbox: " + what).register(registry);
    }

    private synchronized double lastAt(MailboxPoll.Result result) {
        return lastAt.get(result);
    }

    synchronized void polled(MailboxPoll poll) {
        lastAt.put(poll.result(), poll.at().toEpochMilli() / 1000.0);
        removed.increment(poll.removed());
        left.increment(poll.left());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mailbox", mailbox);
        details.put("polledAt", poll.at().toString());
        details.put("outcome", poll.result().label());
        details.put("removed", poll.removed());
        details.put("left", poll.left());
        if (poll.error() != null) {
            details.put("error", poll.error());
        }
        HealthStatus status = poll.result() == MailboxPoll.Result.OK ? HealthStatus.UP : DEGRADED;
        last = HealthResult.builder("bounce-mailbox", status).details(details).build();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(last);
    }
}
