package io.tidings.core;

import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * The {@code jdbc} health indicator, in place of Micronaut's, which names the database by its JDBC
 * URL, and a DATABASE_URL may carry a user and password. This one gives the database's product and
 * version as the {@link Database} seam read them at start, or why it cannot be reached, and never the URL.
 */
@Singleton
@Readiness
class DatabaseHealth implements HealthIndicator {

    private static final int VALID_WITHIN_SECONDS = 3;
    /** A driver's message may quote connection properties; a password among them is cut out. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^&;,\\s]+");
    private final DataSource dataSource;
    private final Database database;
    private final ExecutorService blocking;

    /** The pool itself, not Micronaut Data's proxy, which lends only the current transaction's connection. */
    DatabaseHealth(DataSource dataSource, DataSourceResolver resolver, Database database,
                   @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.dataSource = resolver.resolve(dataSource);
        this.database = database;
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) {
                throw new SQLException("the connection did not answer within " + VALID_WITHIN_SECONDS + " s");
            }
            details.put("database", database.description());
            return HealthResult.builder("jdbc", HealthStatus.UP).details(details).build();
        } catch (SQLException e) {
            details.put("error", PASSWORD.matcher(String.valueOf(e.getMessage())).replaceAll("$1(hidden)"));
            return HealthResult.builder("jdbc", HealthStatus.DOWN).details(details).build();
        }
    }
}
