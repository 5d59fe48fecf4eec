package io.tidings.article;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/** How a feed's last poll went. */
@Serdeable
enum FeedStatus {
    /** Fetched and read; its items are stored or counted as skipped. */
    OK,
    /** The server answered 304: nothing new since the last poll. */
    NOT_MODIFIED,
    /** Not fetched or not a feed; the error says why. */
    ERROR;

    /** As the admin API writes it: "ok", "not-modified", "error". */
    @JsonValue
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
