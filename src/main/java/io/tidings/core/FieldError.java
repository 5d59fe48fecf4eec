package io.tidings.core;

import io.micronaut.serde.annotation.Serdeable;

/** One rejected input field and why, in words a reader or operator understands. */
@Serdeable
public record FieldError(String field, String message) {
}
