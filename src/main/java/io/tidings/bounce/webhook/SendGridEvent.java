package io.tidings.bounce.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One event of SendGrid's batch; only the fields read here. */
@Serdeable
record SendGridEvent(@Nullable String event, @Nullable String email, @JsonProperty("smtp-id") @Nullable String smtpId,
                     @Nullable Long timestamp, @Nullable String type, @Nullable String status,
                     @Nullable String reason) {
}
