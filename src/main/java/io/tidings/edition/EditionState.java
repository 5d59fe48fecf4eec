package io.tidings.edition;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/** Where an edition stands as the operator watches it: the wanted {@link EditionStatus} and its outbox rows. */
@Serdeable
enum EditionState {
    SENDING, PAUSED, CANCELLED, COMPLETE;

    static EditionState of(EditionStatus status, long left) {
        return switch (status) {
            case CANCELLED -> CANCELLED;
            case PAUSED -> PAUSED;
            case ACTIVE -> left == 0 ? COMPLETE : SENDING;
        };
    }

    /** As the JSON and the dashboard say it. */
    @JsonValue
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
