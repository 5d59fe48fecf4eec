package io.tidings.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Where the PostgreSQL pass finds its server, in this order: the one {@code TEST_POSTGRES_URL} names,
 * a {@code postgres:15} container where a Docker engine answers, or none, with the reason.
 */
sealed interface PostgresServer {

    String URL_VARIABLE = "TEST_POSTGRES_URL";

    /** Why tests cannot use this server, or null when they can. */
    String unavailable();

    /** A JDBC URL, with the user in it, of a database where this run may create databases. */
    String adminUrl();

    record Named(String url) implements PostgresServer {
        @Override
        public String unavailable() {
            try (Connection ignored = DriverManager.getConnection(url)) {
                return null;
            } catch (SQLException e) {
                return "cannot connect to " + url + ": " + e.getMessage();
            }
        }

        @Override
        public String adminUrl() {
            return url;
        }
    }

    record Container() implements PostgresServer {
        @Override
        public String unavailable() {
            return null;
        }

        @Override
        public String adminUrl() {
            return PostgresContainer.adminUrl();
        }
    }

    record Missing(String reason) implements PostgresServer {
        @Override
        public String unavailable() {
            return reason;
        }

        @Override
        public String adminUrl() {
            throw new IllegalStateException(reason);
        }
    }

    /** Docker is asked only when no server is named: a named one wins even where an engine answers. */
    static PostgresServer choose(String namedUrl, BooleanSupplier dockerAvailable) {
        if (namedUrl != null && !namedUrl.isBlank()) {
            return new Named(namedUrl);
        }
        if (dockerAvailable.getAsBoolean()) {
            return new Container();
        }
        return new Missing(URL_VARIABLE + " is not set (for example jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)"
                + " and Testcontainers finds no Docker engine to start a postgres:15 container");
    }
}
