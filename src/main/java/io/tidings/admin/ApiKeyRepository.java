package io.tidings.admin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKey, Long> {

    /** The one key with this hash: an indexed lookup, the same work whether a key exists or not. */
    Optional<ApiKey> findByKeyHash(String keyHash);

    List<ApiKey> findAllOrderById();

    /** Records a use, unless one was recorded since {@code since} (a hot key writes once a minute). */
    @Query("UPDATE api_key SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :since)")
    void used(long id, Instant at, Instant since);
}
