package io.tidings.bounce;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/** How many of an edition's digests bounced, for the edition's progress. */
@Singleton
public class EditionBounces {

    /** Complaints, auto-replies and unclear messages came back, but the mail was delivered. */
    private static final Set<String> BOUNCES = Set.of("hard", "soft", "blocked");
    private final BounceQueries queries;

    EditionBounces(BounceQueries queries) {
        this.queries = queries;
    }

    /** The edition's hard, soft and blocked bounces, refused at sending or returned later. */
    @Transactional(readOnly = true)
    public long of(long editionId) {
        return queries.countsOf(List.of(editionId)).stream()
                .filter(count -> BOUNCES.contains(count.type()))
                .mapToLong(BounceQueries.EditionCount::count)
                .sum();
    }
}
