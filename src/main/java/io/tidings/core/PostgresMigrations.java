package io.tidings.core;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds {@code db/postgresql} to the migrations where the database is PostgreSQL: what only it can do
 * (partial indexes) beside the migrations both databases run. Its versions are numbered among the
 * shared ones; H2 skips them.
 */
@Singleton
@Named("default")
final class PostgresMigrations implements FlywayConfigurationCustomizer {

    static final String LOCATION = "classpath:db/postgresql";

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's product name", e);
        }
        List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
        locations.add(new Location(LOCATION));
        configuration.locations(locations.toArray(Location[]::new));
    }

    @Override
    public String getName() {
        return "default";
    }
}
