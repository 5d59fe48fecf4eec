package io.tidings.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The hard bounces after which a subscriber is BOUNCED: any permanent refusal, and an unknown address. */
@ConfigurationProperties("tidings.subscription.bounces")
record BounceConfig(int threshold, int unknownUserThreshold) {
}
