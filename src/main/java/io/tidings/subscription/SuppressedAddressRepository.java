package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SuppressedAddressRepository extends GenericRepository<Subscriber, Long> {

    /** Puts an address on the suppression list by its keyed hash; the first reason stays. */
    @Query("""
            INSERT INTO suppressed_address (address_hash, reason, suppressed_at) VALUES (:addressHash, :reason, :suppressedAt)
            ON CONFLICT DO NOTHING""")
    void suppress(String addressHash, String reason, Instant suppressedAt);

    @Query("SELECT COUNT(*) FROM suppressed_address WHERE address_hash = :addressHash")
    long count(String addressHash);

    /** Those of the hashes on the list. */
    @Query("SELECT address_hash FROM suppressed_address WHERE address_hash IN (:addressHashes)")
    List<String> present(Collection<String> addressHashes);

    /** Takes the address off the list once the reader opted in again by themselves. */
    @Query("DELETE FROM suppressed_address WHERE address_hash = :addressHash")
    void forget(String addressHash);
}
