package io.tidings.article;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * One feed as configured under {@code tidings.feeds.<name>}, before {@link Feeds} checks it.
 *
 * @param topics       the topics of every item; none: each item's topics come from the keyword map
 * @param pollInterval null: {@code tidings.feed.poll-interval}
 */
@EachProperty("tidings.feeds")
record FeedProperties(@Parameter String name, @Nullable String url, @Nullable List<String> topics,
                      @Nullable Duration pollInterval) {
}
