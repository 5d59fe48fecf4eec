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
        Product product = product(pool);
        String description = product.name() + " " + product.version();
        LOG.info("Database: {}", description);
        return switch (product.name()) {
            case "PostgreSQL" -> new PostgresDatabase(pool, description);
            case "H2" -> new H2Database(description);
            default -> throw new IllegalStateException("unsupported database " + product.name() + ": PostgreSQL or H2");
        };
    }

    /** The product and version the database reports, such as {@code PostgreSQL} and {@code 15.8}. */
    record Product(String name, String version) {
    }

    static Product product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            return new Product(metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's product name", e);
        }
    }
}
