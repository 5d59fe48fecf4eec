package io.tidings.edition;

import io.tidings.support.DatabaseCondition;
import io.tidings.support.EditionFixtures;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Http;
import io.tidings.support.ServiceTest;
import io.tidings.support.Sql;
import io.tidings.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a child process, stopped in the middle of an edition and started again. Killed
 * with SIGKILL, only the messages in flight at the kill (one per worker) may go twice; stopped
 * with SIGTERM, it records what it sent, hands back the rest and exits in time, and none goes twice.
 * Every reader gets the digest either way.
 */
@Tag("db")
@ExtendWith(DatabaseCondition.class)
// PostgreSQL only: the H2 execution leaves the "postgres" tag out (see pom.xml).
@Tag("postgres")
class ServiceStopTest {

    private static final int READERS = 10_000;
    private static final int WORKERS = 4;
    private static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";
    private static final Duration GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void a_service_killed_mid_edition_sends_everything_after_a_restart_and_at_most_one_message_per_worker_twice()
            throws Exception {
        Outcome outcome = stopMidEditionThenRestart((service, sql) -> service.destroyForcibly().waitFor());

        int duplicates = outcome.received() - READERS;
        System.out.printf("ServiceStopTest: killed after %d of %d messages; %d sent twice%n", outcome.beforeStop(),
                READERS, duplicates);
        assertThat(duplicates).as("messages sent twice").isBetween(0, WORKERS);
    }

    @Test
    void a_service_stopped_with_sigterm_mid_edition_hands_back_its_rows_exits_in_time_and_sends_nothing_twice()
            throws Exception {
        Outcome outcome = stopMidEditionThenRestart((service, sql) -> {
            long asked = System.nanoTime();
            service.destroy();
            assertThat(service.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS)).as("exited within the grace period").isTrue();
            System.out.printf("ServiceStopTest: stopped in %d ms%n", Duration.ofNanos(System.nanoTime() - asked).toMillis());
            assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENDING'"))
                    .as("every claimed row handed back").isZero();
            assertThat(Files.readString(dataDir.resolve("first.log"))).contains("Stopping delivery");
        });

        assertThat(outcome.recordedBeforeStop()).as("every message the relay took is recorded as sent")
                .isEqualTo(outcome.beforeStop());
        assertThat(outcome.received()).as("nothing sent twice").isEqualTo(READERS);
    }

    /** How the first instance is stopped, and what is checked right after. */
    private interface Stopping {
        void stop(Process service, Sql database) throws Exception;
    }

    /** Messages the relay took before the stop, sent rows recorded then, and messages it took in all. */
    private record Outcome(int beforeStop, long recordedBeforeStop, int received) {
    }

    /**
     * Starts the service, has it send an edition to every reader, stops it once a fifth are sent,
     * starts it again and waits until every reader has the digest and every row is recorded sent.
     */
    private Outcome stopMidEditionThenRestart(Stopping stopping) throws Exception {
        String databaseUrl = (String) TestDatabase.properties().get("datasources.default.url");
        try (FaultySmtp relay = new FaultySmtp(ServiceTest.freePort()).start()) {
            int port = ServiceTest.freePort();
            Process first = start(databaseUrl, relay.port(), port, "first");
            Process second = null;
            try {
                Http http = awaitHealthy(port);
                PGSimpleDataSource database = new PGSimpleDataSource();
                database.setURL(databaseUrl);
                Sql sql = new Sql(database);
                EditionFixtures given = new EditionFixtures(sql, null);
                given.article("Sleep in the first weeks", Instant.now().minus(Duration.ofHours(1)));
                given.readers("reader", READERS);
                assertThat(http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}",
                        "Authorization", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(201);

                await().atMost(Duration.ofMinutes(1)).until(() -> relay.total() >= READERS / 5);
                stopping.stop(first, sql);
                int beforeStop = relay.total();
                long recorded = sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'");
                assertThat(beforeStop).as("stopped mid-send").isLessThan(READERS);

                second = start(databaseUrl, relay.port(), port, "second");
                await().atMost(Duration.ofMinutes(2)).until(() -> relay.receivedByRecipient().size() == READERS);
                await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'") == READERS);
                assertThat(relay.receivedByRecipient().values()).allSatisfy(count -> assertThat(count).isBetween(1, 2));
                return new Outcome(beforeStop, recorded, relay.total());
            } finally {
                first.destroyForcibly().waitFor();
                if (second != null) {
                    second.destroyForcibly().waitFor();
                }
            }
        }
    }

    private Process start(String databaseUrl, int smtpPort, int httpPort, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.tidings.Application");
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", databaseUrl);
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtpPort));
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(httpPort));
        env.put("DATA_DIR", dataDir.toString());
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("EDITION_SCHEDULE", "false");
        env.put("SAMPLE_ARTICLES", "false");
        env.put("DELIVERY_WORKERS", Integer.toString(WORKERS));
        env.put("DELIVERY_POLL_INTERVAL", "200ms");
        // The rows the killed instance held come back this soon.
        env.put("DELIVERY_LEASE", "3s");
        env.put("SHUTDOWN_GRACE_PERIOD", GRACE.toSeconds() + "s");
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(name + ".log").toFile());
        return builder.start();
    }

    private static Http awaitHealthy(int port) {
        Http http = new Http(URI.create("http://127.0.0.1:" + port));
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> http.get("/health").statusCode() == 200);
        return http;
    }

}
