package io.tidings.subscription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What readers did, as Prometheus counters: {@code tidings_subscriptions_total{outcome}},
 * {@code tidings_confirmations_total{source}} and {@code tidings_unsubscribes_total{source}}.
 * Created with the service, so every series exists from the start at zero and a dashboard's
 * rate() has a baseline.
 */
@Context
class SubscriptionMetrics {

    /** What became of a subscribe request; every outcome gets the same answer. */
    enum Outcome {
        /** A confirmation email was queued. */
        CONFIRMATION_QUEUED,
        /** The address is confirmed already (or bounced): no confirmation is sent. */
        ALREADY_CONFIRMED,
        /** The per-address confirmation caps held the email back. */
        CAPPED,
        /** The honeypot field was filled: nothing stored. */
        HONEYPOT,
        /** Refused with a 4xx: bad address, unknown topic, no consent. */
        INVALID,
        /** Over the per-client request rate: 429. */
        RATE_LIMITED
    }

    private final Map<Outcome, Counter> subscriptions = new EnumMap<>(Outcome.class);
    private final Map<Source, Counter> confirmations = new EnumMap<>(Source.class);
    private final Map<Source, Counter> unsubscribes = new EnumMap<>(Source.class);

    SubscriptionMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            subscriptions.put(outcome, Counter.builder("tidings.subscriptions")
                    .description("Subscribe requests by what became of them")
                    .tag("outcome", label(outcome))
                    .register(registry));
        }
        Arrays.stream(Source.values()).forEach(source -> {
            confirmations.put(source, Counter.builder("tidings.confirmations")
                    .description("Subscriptions confirmed from the emailed link, by where the reader subscribed")
                    .tag("source", label(source))
                    .register(registry));
            unsubscribes.put(source, Counter.builder("tidings.unsubscribes")
                    .description("Readers who unsubscribed, by where they did it")
                    .tag("source", label(source))
                    .register(registry));
        });
    }

    void subscription(Outcome outcome) {
        subscriptions.get(outcome).increment();
    }

    void confirmed(Source source) {
        confirmations.get(source).increment();
    }

    void unsubscribed(Source source) {
        unsubscribes.get(source).increment();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
