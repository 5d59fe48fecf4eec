package io.tidings.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tidings.core.TestClock;
import io.tidings.support.DatabaseCondition;
import io.tidings.support.Http;
import io.tidings.support.Sql;
import io.tidings.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of the service on one PostgreSQL, as behind a load balancer, give one limit per throttle. */
@Tag("db")
@ExtendWith(DatabaseCondition.class)
// PostgreSQL only: the H2 execution leaves the "postgres" tag out (see pom.xml).
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedThrottlesTest {

    private static final String ADMIN_TOKEN = "shared-throttles-admin-token-0123456789";
    private static final int SUBSCRIBES_PER_MINUTE = 6;
    private static final int WRONG_TOKENS = 8;
    private static final String OWNER = "owner@shared-throttles.test";
    private static final String OWNER_PASSWORD = "shared-throttles-owner-password";
    /** The default: the "30 wrong sign-ins for one account". */
    private static final int WRONG_PASSWORDS_PER_ACCOUNT = 30;
    @TempDir
    static Path dataDir;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private Sql sql;

    @BeforeAll
    void startTwoInstances() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("tidings.data-dir", dataDir.toString());
        properties.put("tidings.admin-token", ADMIN_TOKEN);
        properties.put("tidings.admin-email", OWNER);
        properties.put("tidings.admin-password", OWNER_PASSWORD);
        properties.put("tidings.editions.schedule-enabled", false);
        properties.put("tidings.articles.load-samples", false);
        // The tests name their clients, as a load balancer in front of both would.
        properties.put("tidings.subscription.trusted-proxies", "127.0.0.1");
        properties.put("tidings.subscription.requests-per-client-minute", SUBSCRIBES_PER_MINUTE);
        properties.put("tidings.auth-throttle.per-client", WRONG_TOKENS);
        first = ApplicationContext.run(EmbeddedServer.class, properties);
        second = ApplicationContext.run(EmbeddedServer.class, properties);
        sql = new Sql(first.getApplicationContext().getBean(DataSource.class));
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
    }

    @Test
    void the_per_client_subscribe_cap_is_counted_once_across_both_instances_and_its_rows_go_when_full_again() {
        List<Http> both = List.of(new Http(first.getURI()), new Http(second.getURI()));
        String[] client = {"X-Forwarded-For", "203.0.113.50"};
        for (int i = 0; i < SUBSCRIBES_PER_MINUTE; i++) {
            assertThat(subscribe(both.get(i % 2), "reader" + i + "@example.com", client).statusCode())
                    .as("request " + (i + 1) + ", to instance " + (i % 2 + 1)).isEqualTo(202);
        }

        assertThat(subscribe(both.get(0), "one-more@example.com", client).statusCode()).isEqualTo(429);
        assertThat(subscribe(both.get(1), "one-more@example.com", client).statusCode()).isEqualTo(429);
        assertThat(subscribe(both.get(1), "other-client@example.com", "X-Forwarded-For", "203.0.113.51").statusCode())
                .as("another client").isEqualTo(202);
        assertThat(sql.count("SELECT COUNT(*) FROM throttle_bucket WHERE id LIKE 'subscribe-per-client:%'")).isEqualTo(2);

        first.getApplicationContext().getBean(BucketTable.class).purge();
        assertThat(sql.count("SELECT COUNT(*) FROM throttle_bucket WHERE id LIKE 'subscribe-per-client:%'"))
                .as("buckets still refilling are kept").isEqualTo(2);

        first.getApplicationContext().getBean(TestClock.class).advance(Duration.ofMinutes(2));
        first.getApplicationContext().getBean(BucketTable.class).purge();
        assertThat(sql.count("SELECT COUNT(*) FROM throttle_bucket WHERE id LIKE 'subscribe-per-client:%'"))
                .as("full again by the moved clock").isZero();
        assertThat(subscribe(both.get(1), "after-the-window@example.com", client).statusCode()).isEqualTo(202);
    }

    @Test
    void thirty_wrong_passwords_for_one_account_spread_over_both_instances_lock_it_as_one_limit() {
        List<Http> both = List.of(new Http(first.getURI()), new Http(second.getURI()));
        for (int i = 0; i < WRONG_PASSWORDS_PER_ACCOUNT; i++) {
            // Each from its own client, so that only the account's count can stop them.
            assertThat(both.get(i % 2).postForm("/admin/sign-in", Map.of("email", OWNER, "password", "guess-" + i),
                    "X-Forwarded-For", "198.51.100." + (100 + i)).statusCode())
                    .as("wrong password " + (i + 1) + ", to instance " + (i % 2 + 1)).isEqualTo(401);
        }

        for (Http instance : both) {
            assertThat(instance.postForm("/admin/sign-in", Map.of("email", OWNER, "password", OWNER_PASSWORD),
                    "X-Forwarded-For", "198.51.100.60").statusCode())
                    .as("even the right password, from a new client, waits").isEqualTo(429);
        }
    }

    @Test
    void wrong_bearer_tokens_from_one_client_spread_over_both_instances_hit_one_limit() {
        List<Http> both = List.of(new Http(first.getURI()), new Http(second.getURI()));
        String[] client = {"X-Forwarded-For", "198.51.100.40"};
        for (int i = 0; i < WRONG_TOKENS; i++) {
            assertThat(both.get(i % 2).get("/admin/stats", "Authorization", "Bearer guess-" + i, client[0], client[1])
                    .statusCode()).as("wrong token " + (i + 1) + ", to instance " + (i % 2 + 1)).isEqualTo(401);
        }

        for (Http instance : both) {
            assertThat(instance.get("/admin/stats", "Authorization", "Bearer " + ADMIN_TOKEN, client[0], client[1])
                    .statusCode()).as("even the right token waits").isEqualTo(429);
        }
        assertThat(both.get(1).get("/admin/stats", "Authorization", "Bearer " + ADMIN_TOKEN, "X-Forwarded-For", "198.51.100.41")
                .statusCode()).as("another client").isEqualTo(200);
    }

    private static java.net.http.HttpResponse<String> subscribe(Http instance, String email, String... headers) {
        return instance.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}", headers);
    }
}
