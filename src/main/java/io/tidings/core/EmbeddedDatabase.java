package io.tidings.core;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * With no {@code DATABASE_URL}, the database is H2 on disk under {@code DATA_DIR}, in the
 * PostgreSQL mode that lets one set of migrations and repositories serve both.
 */
@Singleton
class EmbeddedDatabase implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
            // The pool closes the database after the delivery workers recorded their last batch.
            + ";DB_CLOSE_ON_EXIT=FALSE"
            // A subscribe runs a dozen statements; H2's default cache of 8 parsed ones per connection
            // made it parse most of them again on every request.
            + ";QUERY_CACHE_SIZE=64";
    private final Path dataDir;

    EmbeddedDatabase(@Value("${tidings.data-dir}") Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String configured = configuration.getConfiguredUrl();
        if (configured == null || configured.isBlank()) {
            configuration.setUrl("jdbc:h2:file:" + dataDir.resolve("db").resolve("tidings").toAbsolutePath() + H2_OPTIONS);
        }
        return configuration;
    }
}
