package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ErasedAddressRepository extends GenericRepository<Subscriber, Long> {

    /** Remembers an erased address by its keyed hash. */
    @Query("INSERT INTO erased_address (address_hash, erased_at) VALUES (:addressHash, :erasedAt) ON CONFLICT DO NOTHING")
    void remember(String addressHash, Instant erasedAt);

    @Query("SELECT COUNT(*) FROM erased_address WHERE address_hash = :addressHash")
    long count(String addressHash);

    /** Those of the hashes on the list. */
    @Query("SELECT address_hash FROM erased_address WHERE address_hash IN (:addressHashes)")
    List<String> present(Collection<String> addressHashes);

    /** Forgets the hash once the reader opted in again by themselves. */
    @Query("DELETE FROM erased_address WHERE address_hash = :addressHash")
    void forget(String addressHash);
}
