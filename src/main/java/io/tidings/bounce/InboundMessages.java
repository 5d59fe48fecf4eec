package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.mail.BounceType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
@Singleton
public class InboundMessages {
    public Reading read(InputStream message, Source source) throws IOException {
        String text = new String(message.readAllBytes(), StandardCharsets.ISO_8859_1);
        if (text.contains("report-type=delivery-status")) {
            return new Reading(List.of(new Report(BounceType.HARD, "5.1.1", null, source, Instant.now(),
                    new Clues(null, null, null))), null);
        }
        return new Reading(List.of(), "not a bounce");
    }

    public record Reading(List<Report> reports, @Nullable String ignored) {
    }
}
