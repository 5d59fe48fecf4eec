package io.tidings.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Mails;
import io.tidings.support.Scrape;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Prometheus names an operator's dashboard uses, and that each moves with what it counts. */
@MicronautTest(transactional = false)
class MetricsTest extends ServiceTest {

    private final ListAppender<ILoggingEvent> editionLog = new ListAppender<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.editions.progress-interval", "200ms");
    }

    @BeforeEach
    void captureEditionLog() {
        editionLog.start();
        ((Logger) LoggerFactory.getLogger("io.tidings.edition.EditionWatch")).addAppender(editionLog);
    }

    @AfterEach
    void releaseEditionLog() {
        ((Logger) LoggerFactory.getLogger("io.tidings.edition.EditionWatch")).detachAppender(editionLog);
    }

    @Test
    void prometheus_answers_only_to_the_metrics_token() {
        HttpResponse<String> anonymous = http.get("/prometheus");
        HttpResponse<String> wrong = http.get("/prometheus", "Authorization", "Bearer not-the-metrics-token");
        HttpResponse<String> admin = http.get("/prometheus", asAdmin());

        for (HttpResponse<String> refused : List.of(anonymous, wrong, admin)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(refused.body()).doesNotContain("tidings_");
        }
        HttpResponse<String> scraped = http.get("/prometheus", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("tidings_subscriptions_total");
    }

    @Test
    void reader_counters_move_with_subscribes_confirmations_and_unsubscribes() {
        Scrape before = Scrape.of(http);
        assertThat(before.has("tidings_subscriptions_total")).as("every outcome exists at zero").isTrue();

        subscribe("{\"email\":\"counted@example.com\",\"consent\":true}");
        subscribe("{\"email\":\"counted@example.com\",\"consent\":true}");
        subscribe("{\"email\":\"bot@example.com\",\"consent\":true,\"website\":\"http://spam.example\"}");
        assertThat(http.postJson("/api/subscriptions", "{\"email\":\"counted@example.com\",\"consent\":false}")
                .statusCode()).isEqualTo(422);
        String link = Mails.linkPath(awaitMessagesTo("counted@example.com", 1).get(0), "/confirm?token=");
        assertThat(http.postForm("/confirm", Map.of("token", Mails.queryToken(link))).statusCode()).isEqualTo(200);
        long reader = sql.count("SELECT id FROM subscriber WHERE email_key = 'counted@example.com'");
        String manage = manageTokens.tokenFor(sql.text("SELECT uid FROM subscriber WHERE id = ?", reader));
        assertThat(http.post("/unsubscribe?token=" + manage, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        Scrape after = Scrape.of(http);
        assertThat(moved(before, after, "tidings_subscriptions_total", "outcome", "confirmation_queued")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_subscriptions_total", "outcome", "capped")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_subscriptions_total", "outcome", "honeypot")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_subscriptions_total", "outcome", "invalid")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_confirmations_total", "source", "api")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_unsubscribes_total", "source", "one_click")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_messages_sent_total", "kind", "confirmation")).isEqualTo(1);
        assertThat(moved(before, after, "tidings_send_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(after.has("tidings_send_seconds_bucket")).as("send latency is a histogram").isTrue();
        assertThat(moved(before, after, "http_server_requests_seconds_count", "uri", "/api/subscriptions",
                "status", "202")).isEqualTo(3);
        assertThat(moved(before, after, "http_server_requests_seconds_count", "uri", "/api/subscriptions",
                "status", "422")).isEqualTo(1);
    }

    @Test
    void an_edition_in_flight_shows_in_its_gauge_the_outbox_depth_and_a_progress_line_until_it_completes() {
        given.clear();
        given.article("Sleep in the first weeks", Instant.now().minus(Duration.ofHours(1)));
        given.readers("watched", 30);
        smtp.stop();
        String created = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin()).body();
        String edition = created.replaceAll(".*\"edition\":\\{\"id\":(\\d+).*", "$1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape waiting = Scrape.of(http);
            assertThat(waiting.value("tidings_edition_messages", "edition", edition, "status", "pending")
                    + waiting.value("tidings_edition_messages", "edition", edition, "status", "sending")).isEqualTo(30);
            assertThat(waiting.value("tidings_outbox_messages", "status", "pending")
                    + waiting.value("tidings_outbox_messages", "status", "sending")).isGreaterThanOrEqualTo(30);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines().stream()
                .anyMatch(line -> line.startsWith("Edition " + edition + " (weekly): 0 of 30 sent, 0 failed")));
        await("the down relay's refusals counted as retries").atMost(Duration.ofSeconds(10))
                .until(() -> Scrape.of(http).value("tidings_messages_retried_total", "kind", "digest") > 0);

        restartSmtp();

        await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream()
                .anyMatch(line -> line.startsWith("Edition " + edition + " (weekly) complete: 30 sent, 0 failed")));
        assertThat(Scrape.of(http).has("tidings_edition_messages", "edition", edition))
                .as("a complete edition leaves the gauge").isFalse();
        assertThat(sql.count("SELECT COUNT(*) FROM edition WHERE id = ? AND completed_at IS NOT NULL",
                Long.parseLong(edition))).isEqualTo(1);
    }

    @Test
    void every_series_the_grafana_dashboard_charts_is_published() throws IOException {
        subscribe("{\"email\":\"charted@example.com\",\"consent\":true}");
        awaitMessagesTo("charted@example.com", 1);
        String dashboard = Files.readString(Path.of("ops/grafana/tidings.json"));
        Set<String> charted = new TreeSet<>();
        Matcher names = Pattern.compile("\\b((?:tidings|http_server|jvm|hikaricp)_[a-z_]+)\\b").matcher(dashboard);
        while (names.find()) {
            charted.add(names.group(1));
        }
        assertThat(charted).contains("tidings_messages_sent_total", "tidings_send_seconds_bucket",
                "http_server_requests_seconds_bucket");

        // These two have a series only once there is something to count: their own tests show them.
        charted.removeAll(Set.of("tidings_edition_messages", "tidings_feed_polls_total"));
        Scrape scrape = Scrape.of(http);
        assertThat(charted).allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
    }

    private List<String> lines() {
        return editionLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void subscribe(String json) {
        assertThat(http.postJson("/api/subscriptions", json).statusCode()).isEqualTo(202);
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
