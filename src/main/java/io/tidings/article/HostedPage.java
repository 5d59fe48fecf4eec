package io.tidings.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** An article imported without an address, as its page on Tidings shows it. */
@Introspected
record HostedPage(String title, @Nullable String author, Instant publishedAt, boolean dateEstimated, String body) {
}
