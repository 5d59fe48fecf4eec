package io.tidings.delivery;

import java.time.Instant;
import java.util.Set;

/**
 * Subscribers whose email the relay refused for good, published inside the transaction that records
 * the refusals: the subscription package, which owns subscribers, counts them there.
 *
 * @param unknownUser subscribers whose address the relay does not know (enhanced status 5.1.x)
 * @param other       subscribers refused for any other permanent reason
 */
public record HardBounces(Set<Long> unknownUser, Set<Long> other, Instant at) {

    public HardBounces {
        unknownUser = Set.copyOf(unknownUser);
        other = Set.copyOf(other);
    }
}
