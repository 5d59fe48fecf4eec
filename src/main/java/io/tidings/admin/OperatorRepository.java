package io.tidings.admin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OperatorRepository extends CrudRepository<Operator, Long> {

    /** Addresses are kept in lower case, so this finds an operator however they typed it. */
    Optional<Operator> findByEmail(String email);

    List<Operator> findAllOrderByEmail();

    @Query("UPDATE operator SET role = :role, may_read_addresses = :mayReadAddresses WHERE id = :id")
    void changeRole(long id, Rights.Role role, boolean mayReadAddresses);

    @Query("UPDATE operator SET disabled_at = :at WHERE id = :id")
    void disable(long id, Instant at);

    @Query("UPDATE operator SET password_hash = :passwordHash WHERE id = :id")
    void setPassword(long id, String passwordHash);
}
