package io.tidings.support;

import org.testcontainers.containers.PostgreSQLContainer;

/** One {@code postgres:15} container for the whole test run, started when a test first needs it. */
final class PostgresContainer {

    private static PostgreSQLContainer<?> container;

    private PostgresContainer() {
    }

    /** A JDBC URL of the container's own database that carries the superuser's credentials. */
    static synchronized String adminUrl() {
        if (container == null) {
            container = new PostgreSQLContainer<>("postgres:15");
            container.start();
            // Ryuk removes the container when this JVM ends; the hook covers runs with Ryuk turned off.
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + container.getDatabaseName() + "?user=" + container.getUsername() + "&password=" + container.getPassword();
    }
}
