package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.FaultySmtp.Reply;
import io.tidings.support.Scrape;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editions sent through a relay that refuses, goes away and dawdles. */
@MicronautTest(transactional = false)
class DeliveryFaultsTest extends ServiceTest {

    private static final int BATCH = 5;
    private final FaultySmtp relay = new FaultySmtp(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        relay.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relay.port()),
                "tidings.delivery.workers", "4",
                "tidings.delivery.batch-size", Integer.toString(BATCH));
    }

    @BeforeEach
    void setUp() {
        given.clear();
        relay.reset();
        relay.answering((recipient, attempt) -> null).holding(Set.of());
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    private void sendEdition() {
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String address(String prefix, int n) {
        return prefix + n + "@example.com";
    }

    private String statusOf(String recipient) {
        return sql.text("SELECT status FROM outbox WHERE recipient = ?", recipient);
    }

    @Test
    void soft_rejects_are_retried_with_backoff_and_then_delivered_once() {
        relay.answering((recipient, attempt) -> recipient.startsWith("soft") && attempt <= 2
                ? new Reply(451, "4.3.0 Try again later") : null);
        given.readers("soft", 5);
        given.readers("fine", 15);

        sendEdition();

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.total() >= 20);
        await().during(Duration.ofSeconds(1)).until(() -> relay.total() == 20);
        IntStream.rangeClosed(1, 5).forEach(n -> {
            assertThat(relay.received(address("soft", n))).isEqualTo(1);
            assertThat(relay.attempts(address("soft", n))).isEqualTo(3);
        });
        IntStream.rangeClosed(1, 15).forEach(n -> assertThat(relay.attempts(address("fine", n))).isEqualTo(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'") == 20);
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'soft%' AND attempts = 3")).isEqualTo(5);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE hard_bounces > 0")).isZero();
    }

    @Test
    void hard_rejects_fail_at_once_count_a_bounce_and_are_never_retried() {
        relay.answering((recipient, attempt) -> {
            if (recipient.startsWith("gone")) {
                return new Reply(550, "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown");
            }
            return recipient.startsWith("full") ? new Reply(552, "5.2.2 Mailbox full") : null;
        });
        long gone = given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        long fullOnce = given.reader("full-once@example.com", null, "WEEKLY", "CONFIRMED");
        long fullAgain = given.reader("full-again@example.com", null, "WEEKLY", "CONFIRMED");
        for (int days = 1; days <= 2; days++) {
            sql.update("INSERT INTO bounce (subscriber_id, recipient, type, status, source, received_at) VALUES (?, ?, 'soft', '5.2.2', 'mailbox', ?)",
                    fullAgain, "full-again@example.com", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(days))));
        }
        given.readers("fine", 5);
        Scrape before = Scrape.of(http);

        sendEdition();

        await().atMost(Duration.ofSeconds(20)).until(() -> sql.count(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('SENT', 'FAILED')") == 8);
        Scrape after = Scrape.of(http);
        assertThat(after.value("tidings_bounces_total", "type", "hard", "source", "smtp")
                - before.value("tidings_bounces_total", "type", "hard", "source", "smtp")).isEqualTo(1);
        assertThat(after.value("tidings_bounces_total", "type", "soft", "source", "smtp")
                - before.value("tidings_bounces_total", "type", "soft", "source", "smtp")).isEqualTo(2);
        assertThat(after.value("tidings_messages_failed_total", "kind", "digest")
                - before.value("tidings_messages_failed_total", "kind", "digest")).isEqualTo(3);
        assertThat(statusOf("gone@example.com")).isEqualTo("FAILED");
        assertThat(sql.text("SELECT last_error FROM outbox WHERE recipient = 'gone@example.com'")).contains("550", "5.1.1");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", gone)).as("unknown user: one bounce is enough").isEqualTo("BOUNCED");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", fullOnce)).as("mailbox full: below 3").isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", fullAgain)).as("mailbox full: the third").isEqualTo("BOUNCED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE subscriber_id = ? AND type = 'soft'", fullOnce)).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE subscriber_id = ? AND type = 'soft'", fullAgain)).isEqualTo(3);
        assertThat(sql.count("SELECT hard_bounces FROM subscriber WHERE id = ?", gone)).isEqualTo(1);
        await().during(Duration.ofSeconds(3)).until(() -> relay.attempts("gone@example.com") == 1
                && relay.attempts("full-once@example.com") == 1);
        assertThat(relay.total()).isEqualTo(5);

        String metrics = http.get("/prometheus", "Authorization", "Bearer " + METRICS_TOKEN).body();
        assertThat(counter(metrics, "tidings_messages_failed_total{kind=\"digest\"}")).isGreaterThanOrEqualTo(3);
        assertThat(counter(metrics, "tidings_messages_sent_total{kind=\"digest\"}")).isGreaterThanOrEqualTo(5);
        assertThat(metrics).contains("tidings_send_seconds_bucket{", "tidings_outbox_messages{status=\"pending\"}",
                "tidings_outbox_messages{status=\"sending\"}");
    }

    private static double counter(String metrics, String series) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void a_relay_that_is_down_loses_nothing_and_sends_everything_once_when_it_is_back() {
        relay.stop();
        given.readers("patient", 30);

        sendEdition();

        await().atMost(Duration.ofSeconds(20)).until(() -> sql.count(
                "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND attempts >= 1 AND last_error IS NOT NULL") == 30);
        relay.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.total() >= 30);
        await().during(Duration.ofSeconds(1)).until(() -> relay.total() == 30);
        IntStream.rangeClosed(1, 30).forEach(n -> assertThat(relay.received(address("patient", n))).isEqualTo(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'") == 30);
    }

    @Test
    void a_slow_relay_answer_holds_up_only_the_worker_waiting_for_it() {
        relay.holding(Set.of("slow1@example.com"));
        given.readers("slow", 1);
        given.readers("quick", 40);

        sendEdition();

        // Only the rest of the slow message's own claim may wait behind it.
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.held() == 1 && relay.total() >= 40 - (BATCH - 1));
        assertThat(relay.received("slow1@example.com")).isZero();
        relay.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.total() == 41);
        assertThat(relay.received("slow1@example.com")).isEqualTo(1);
    }
}
