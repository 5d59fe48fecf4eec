package io.tidings.delivery;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** The error of a subscriber's last failed email. */
@Introspected
record LastError(long subscriberId, @Nullable String lastError) {
}
