package io.tidings.subscription;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A delta of, or the total of, one reader figure (migration V29): readers by state, topic or day. */
@MappedEntity("subscriber_count")
record SubscriberCount(@Id @GeneratedValue @Nullable Long id, String figure, String label, long n) {

    /** What a count is of, and (read back) how many. */
    @Introspected
    record Total(String figure, String label, long n) {
    }
}
