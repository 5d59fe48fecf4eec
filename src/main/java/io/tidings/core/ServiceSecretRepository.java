package io.tidings.core;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ServiceSecretRepository extends CrudRepository<ServiceSecret, String> {

    /** Stores a secret unless another instance stored one first. */
    @Query("INSERT INTO service_secret (name, secret) VALUES (:name, :secret) ON CONFLICT DO NOTHING")
    void insertIfAbsent(String name, String secret);
}
