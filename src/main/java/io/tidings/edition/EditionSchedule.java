package io.tidings.edition;

import io.micronaut.scheduling.cron.CronExpression;
import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

/** The schedule slots of each frequency, from its cron in the configured time zone. */
@Singleton
class EditionSchedule {

    // Far enough back to find the last slot of any daily or weekly cron.
    private static final Duration LOOKBACK = Duration.ofDays(32);
    private final Map<Frequency, CronExpression> crons = new EnumMap<>(Frequency.class);
    private final EditionConfig config;

    EditionSchedule(EditionConfig config) {
        this.config = config;
        crons.put(Frequency.DAILY, CronExpression.create(config.dailyCron()));
        crons.put(Frequency.WEEKLY, CronExpression.create(config.weeklyCron()));
    }

    /** The latest slot at or before {@code now}: the one an edition made now belongs to. */
    Instant slotAt(Frequency frequency, Instant now) {
        ZonedDateTime limit = now.atZone(config.timeZone());
        ZonedDateTime slot = null;
        ZonedDateTime next = crons.get(frequency).nextTimeAfter(limit.minus(LOOKBACK));
        while (!next.isAfter(limit)) {
            slot = next;
            next = crons.get(frequency).nextTimeAfter(next);
        }
        if (slot == null) {
            throw new IllegalStateException("the " + frequency.label() + " cron fires less than once in " + LOOKBACK.toDays() + " days");
        }
        return slot.toInstant();
    }

    /** How far back the first edition of a frequency reaches. */
    static Duration firstWindow(Frequency frequency) {
        return frequency == Frequency.DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
    }
}
