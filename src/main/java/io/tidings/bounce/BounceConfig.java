package io.tidings.bounce;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * What bounces do to a reader, and the raw inbound webhook's token ({@code BOUNCE_ADDRESS}, the return
 * path, is read by {@code mail.ReturnPath}).
 *
 * @param hardThreshold       hard bounces after which a reader is BOUNCED: 1, at once; 0 for {@code legacyHardThreshold}
 * @param softThreshold       soft bounces within {@code softWindow}, with no delivery between them, after which a
 *                            reader is BOUNCED; 0 for {@code legacySoftThreshold}
 * @param legacyHardThreshold {@code BOUNCE_THRESHOLD_UNKNOWN_USER}, the older name of {@code HARD_BOUNCE_THRESHOLD}
 * @param legacySoftThreshold {@code BOUNCE_THRESHOLD}, the older name of {@code SOFT_BOUNCE_THRESHOLD}
 * @param webhookToken        bearer token of {@code POST /webhooks/bounces}; unset, the endpoint does not exist
 */
@ConfigurationProperties("tidings.bounces")
record BounceConfig(int hardThreshold, int softThreshold, int legacyHardThreshold, int legacySoftThreshold,
                    Duration softWindow, @Nullable String webhookToken) {

    int hard() {
        return Math.max(1, hardThreshold > 0 ? hardThreshold : legacyHardThreshold);
    }

    int soft() {
        return Math.max(1, softThreshold > 0 ? softThreshold : legacySoftThreshold);
    }
}
