package io.tidings.subscription;

import io.tidings.support.DatabaseCondition;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import io.tidings.support.Sql;
import io.tidings.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a child process, killed with SIGKILL in the middle of a large import and started
 * again: the job ends done, and every reader of the file is there once, with one consent record.
 */
@Tag("db")
@ExtendWith(DatabaseCondition.class)
// PostgreSQL only: the H2 execution leaves the "postgres" tag out (see pom.xml).
@Tag("postgres")
class ImportCrashTest {

    private static final int READERS = 150_000;
    private static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void a_service_killed_mid_import_finishes_the_job_after_a_restart_with_every_reader_once() throws Exception {
        String databaseUrl = (String) TestDatabase.properties().get("datasources.default.url");
        Path file = dataDir.resolve("readers.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("email,name,topics,frequency,consent_source,consented_at\n");
            for (int i = 0; i < READERS; i++) {
                out.write("reader" + i + "@example.com,Reader " + i + ",,weekly,old tool,2025-01-01T00:00:00Z\n");
            }
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(databaseUrl);
        Sql sql = new Sql(database);
        int port = ServiceTest.freePort();
        Process first = start(databaseUrl, port, "first");
        Process second = null;
        try {
            Http http = awaitHealthy(port);
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/admin/subscribers/imports"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String location = started.headers().firstValue("Location").orElseThrow();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> sql.count("SELECT processed FROM subscriber_import") >= READERS / 5);
            first.destroyForcibly().waitFor();
            long atKill = sql.count("SELECT processed FROM subscriber_import");
            assertThat(sql.text("SELECT status FROM subscriber_import")).as("killed mid-import").isEqualTo("RUNNING");
            assertThat(atKill).isLessThan(READERS);

            second = start(databaseUrl, port, "second");
            awaitHealthy(port);
            await().atMost(Duration.ofMinutes(3)).until(() ->
                    !"running".equals(Json.object(http.get(location, "Authorization", "Bearer " + ADMIN_TOKEN).body()).get("status")));

            Map<String, Object> job = Json.object(http.get(location, "Authorization", "Bearer " + ADMIN_TOKEN).body());
            System.out.printf("ImportCrashTest: killed after %d of %d rows; %s%n", atKill, READERS, job);
            assertThat(job).containsEntry("status", "done").containsEntry("processed", READERS)
                    .containsEntry("imported", READERS).containsEntry("rejected", 0);
            assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE status = 'CONFIRMED'")).isEqualTo(READERS);
            assertThat(sql.count("SELECT COUNT(DISTINCT email_key) FROM subscriber")).isEqualTo(READERS);
            assertThat(sql.count("SELECT COUNT(*) FROM consent_event")).as("one consent record each").isEqualTo(READERS);
            assertThat(Files.readString(dataDir.resolve("second.log"))).contains("going on from row " + (atKill + 1));
        } finally {
            first.destroyForcibly().waitFor();
            if (second != null) {
                second.destroyForcibly().waitFor();
            }
        }
    }

    private Process start(String databaseUrl, int httpPort, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.tidings.Application");
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", databaseUrl);
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(httpPort));
        env.put("DATA_DIR", dataDir.toString());
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("EDITION_SCHEDULE", "false");
        env.put("SAMPLE_ARTICLES", "false");
        // The job the killed instance held comes back this soon.
        env.put("IMPORT_LEASE", "3s");
        env.put("IMPORT_CHECK_INTERVAL", "500ms");
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(name + ".log").toFile());
        return builder.start();
    }

    private static Http awaitHealthy(int port) {
        Http http = new Http(URI.create("http://127.0.0.1:" + port));
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> http.get("/health").statusCode() == 200);
        return http;
    }
}
