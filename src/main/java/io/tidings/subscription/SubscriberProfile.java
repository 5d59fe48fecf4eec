package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a digest needs to know of one subscriber, for other features.
 *
 * @param topics         empty means every topic
 * @param unsubscribeUrl the absolute one-click unsubscribe link, also used for {@code List-Unsubscribe}
 */
public record SubscriberProfile(
        long id,
        String email,
        @Nullable String name,
        SubscriberStatus status,
        Frequency frequency,
        List<String> topics,
        String unsubscribeUrl,
        String preferencesUrl,
        @Nullable Instant pausedUntil) {

    /** Why no digest may go to the reader at this time, or null when one may. */
    @Nullable
    public String withheldAt(Instant now) {
        if (status != SubscriberStatus.CONFIRMED) {
            return "the reader is " + status.name().toLowerCase(Locale.ROOT);
        }
        return pausedUntil != null && pausedUntil.isAfter(now) ? "the reader paused the newsletter" : null;
    }
}
