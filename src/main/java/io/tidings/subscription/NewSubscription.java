package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

import java.util.SortedSet;

/** A request that passed every rule; empty {@code topics} means every topic. */
record NewSubscription(EmailAddress email, @Nullable String name, SortedSet<String> topics, Frequency frequency) {
}
