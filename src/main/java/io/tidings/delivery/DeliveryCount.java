package io.tidings.delivery;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A delta of, or the total of, outbox rows of one edition (0: none), kind and status; {@code held}
 * false counts rows the history retention removed (see migration V19).
 */
@MappedEntity("delivery_count")
record DeliveryCount(@Id @GeneratedValue @Nullable Long id, long editionId, String kind, String status, boolean held,
                     long n) {

    Key key() {
        return new Key(editionId, kind, status, held);
    }

    /** What a count is of. */
    @Introspected
    record Key(long editionId, String kind, String status, boolean held) {
    }
}
