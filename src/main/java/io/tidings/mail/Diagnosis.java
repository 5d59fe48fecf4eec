package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

/**
 * What one answer from the mail world means.
 *
 * @param type      what it is about
 * @param status    the RFC 3463 enhanced status code it carried ({@code 5.1.1}), or null
 * @param permanent true where trying again would not change the answer (a 5xx, a DSN's failed action)
 */
public record Diagnosis(BounceType type, @Nullable String status, boolean permanent) {
}
