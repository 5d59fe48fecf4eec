package io.tidings.delivery;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Which database the outbox runs on, asked once: PostgreSQL gets its own claim and commit statements. */
@Singleton
class OutboxDatabase {

    private final boolean postgres;

    OutboxDatabase(DataSource dataSource) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's product name", e);
        }
    }

    boolean isPostgres() {
        return postgres;
    }
}
