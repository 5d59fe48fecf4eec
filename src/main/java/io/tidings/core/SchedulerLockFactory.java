package io.tidings.core;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbc.micronaut.MicronautJdbcLockProvider;

import java.sql.Connection;

/** ShedLock over the service's own database: one instance at a time runs each scheduled job. */
@Factory
class SchedulerLockFactory {

    @Singleton
    LockProvider lockProvider(TransactionOperations<Connection> transactions) {
        return new MicronautJdbcLockProvider(transactions);
    }
}
