package io.tidings.bounce.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One Postmark webhook record (Postmark posts one a request); only the fields read here. */
@Serdeable
record PostmarkEvent(@JsonProperty("RecordType") @Nullable String recordType,
                     @JsonProperty("TypeCode") @Nullable Integer typeCode,
                     @JsonProperty("Type") @Nullable String type,
                     @JsonProperty("Email") @Nullable String email,
                     @JsonProperty("From") @Nullable String from,
                     @JsonProperty("Description") @Nullable String description,
                     @JsonProperty("Details") @Nullable String details,
                     @JsonProperty("BouncedAt") @Nullable String bouncedAt) {
}
