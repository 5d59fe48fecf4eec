package io.tidings.edition;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.ZoneId;

/**
 * When editions go out and what their emails carry.
 *
 * @param dailyCron            seconds, minutes, hours, day of month, month, day of week
 * @param scheduleEnabled      false leaves editions to the operator's trigger
 * @param listUnsubscribeMailto an address for {@code List-Unsubscribe: <mailto:…>} besides the https link; unset for none
 * @param maxArticles          the most articles one digest lists; the rest are counted and linked to the site
 */
@ConfigurationProperties("tidings.editions")
record EditionConfig(
        String dailyCron,
        String weeklyCron,
        ZoneId timeZone,
        boolean scheduleEnabled,
        @Nullable String listUnsubscribeMailto,
        int maxArticles) {

    EditionConfig {
        if (maxArticles < 1) {
            throw new IllegalArgumentException("DIGEST_MAX_ARTICLES must be at least 1, not " + maxArticles);
        }
    }
}
