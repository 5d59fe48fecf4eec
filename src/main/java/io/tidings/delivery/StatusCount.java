package io.tidings.delivery;

import io.micronaut.core.annotation.Introspected;

/** How many of an edition's emails are in one delivery state, and how many of those were sent of late. */
@Introspected
public record StatusCount(MessageStatus status, long count, long recent) {
}
