package io.tidings.core;

import io.micronaut.context.annotation.Factory;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Picks the {@link Database} once at start, from what the connection says it is. */
@Factory
class DatabaseFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);

    @Singleton
    Database database(DataSource dataSource) {
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        String product;
        String description;
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            product = metaData.getDatabaseProductName();
            description = product + " " + metaData.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's product name", e);
        }
        LOG.info("Database: {}", description);
        return switch (product) {
            case "PostgreSQL" -> new PostgresDatabase(pool, description);
            case "H2" -> new H2Database(description);
            default -> throw new IllegalStateException("unsupported database " + product + ": PostgreSQL or H2");
        };
    }
}
