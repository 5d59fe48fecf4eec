package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What a digest needs to know of one subscriber, for other features.
 *
 * @param topics         empty means every topic
 * @param unsubscribeUrl the absolute one-click unsubscribe link, also used for {@code List-Unsubscribe}
 */
public record Reader(
        long id,
        String email,
        @Nullable String name,
        SubscriberStatus status,
        Frequency frequency,
        List<String> topics,
        String unsubscribeUrl,
        String preferencesUrl) {

    /** Whether the reader may be mailed a digest at all. */
    public boolean receivesDigests() {
        return status == SubscriberStatus.CONFIRMED;
    }
}
