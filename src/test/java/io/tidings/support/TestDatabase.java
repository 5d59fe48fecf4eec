package io.tidings.support;

import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh, empty database for one test context: in-memory H2 by default, or a new database on a
 * PostgreSQL server when the suite runs with {@code -Dtidings.test.database=postgres} (the Surefire
 * execution {@code postgres} does): the server {@code TEST_POSTGRES_URL} names, else one container
 * for the run (see {@link PostgresServer}).
 */
public final class TestDatabase {

    private static final Pattern JDBC_POSTGRES = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");
    private static final List<String> CREATED = new ArrayList<>();

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("tidings.test.database"));
    }

    /** Why PostgreSQL tests cannot run here, or null when they can. */
    static String postgresUnavailable() {
        return Chosen.SERVER.unavailable();
    }

    /** Chosen once per run, when the first PostgreSQL test asks: the H2 pass never looks for Docker. */
    private static final class Chosen {
        static final PostgresServer SERVER = PostgresServer.choose(System.getenv(PostgresServer.URL_VARIABLE),
                TestDatabase::dockerUsable);
    }

    /** False also where an engine answers but Testcontainers fails to set it up (its log says why). */
    private static boolean dockerUsable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static Map<String, Object> properties() {
        if (!postgres()) {
            String name = UUID.randomUUID().toString();
            return Map.of("datasources.default.url", "jdbc:h2:mem:" + name
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1",
                    "datasources.default.username", "sa",
                    "datasources.default.password", "");
        }
        String reason = postgresUnavailable();
        if (reason != null) {
            throw new TestAbortedException("PostgreSQL tests skipped: " + reason);
        }
        // The URL carries the user (and password): the driver prefers it to these.
        return Map.of("datasources.default.url", createPostgresDatabase(),
                "datasources.default.username", "",
                "datasources.default.password", "");
    }

    private static synchronized String createPostgresDatabase() {
        String adminUrl = Chosen.SERVER.adminUrl();
        Matcher matcher = JDBC_POSTGRES.matcher(adminUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException(PostgresServer.URL_VARIABLE + " must look like jdbc:postgresql://host:port/db?user=...");
        }
        String name = "tidings_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "CREATE DATABASE " + name);
        // A container goes away whole; on a named server the run drops what it created.
        if (Chosen.SERVER instanceof PostgresServer.Named && CREATED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(adminUrl)));
        }
        CREATED.add(name);
        return matcher.group(1) + name + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static synchronized void dropAll(String adminUrl) {
        for (String name : CREATED) {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
