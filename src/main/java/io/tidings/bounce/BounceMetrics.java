package io.tidings.bounce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.tidings.mail.BounceType;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code tidings_bounces_total{type,source}}: every report understood, whichever way it came back.
 * Created with the service, so every series exists from the start at zero.
 */
@Context
class BounceMetrics {

    private final Map<BounceType, Map<Source, Counter>> counters = new EnumMap<>(BounceType.class);

    BounceMetrics(MeterRegistry registry) {
        for (BounceType type : BounceType.values()) {
            Map<Source, Counter> bySource = new EnumMap<>(Source.class);
            for (Source source : Source.values()) {
                bySource.put(source, Counter.builder("tidings.bounces")
                        .description("Refusals, bounces, complaints and auto-replies, by what they are about and where they came from")
                        .tag("type", type.label()).tag("source", source.label())
                        .register(registry));
            }
            counters.put(type, bySource);
        }
    }

    void counted(BounceType type, Source source) {
        counters.get(type).get(source).increment();
    }
}
