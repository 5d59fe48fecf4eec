package io.tidings.edition;

import io.micronaut.core.annotation.Introspected;

/** How many of an edition's emails are in one delivery state, and how many of those were sent of late. */
@Introspected
record StatusCount(String status, long count, long recent) {
}
