package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.mail.BounceType;

import java.time.Instant;

/**
 * What one report says about one recipient, before it is matched to a message and a reader.
 *
 * @param status     the RFC 3463 enhanced status code ({@code 5.1.1}), or null
 * @param diagnostic the remote server's words ({@code smtp; 550 5.1.1 <…>: User unknown}), or null
 */
public record Report(BounceType type, @Nullable String status, @Nullable String diagnostic, Source source, Instant at,
                     Clues clues) {
}
