package io.tidings.core;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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
        if (!"PostgreSQL".equals(DatabaseFactory.product(configuration.getDataSource()).name())) {
            return;
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
