package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Json;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.Scrape;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Editions sent through a real Postfix, which answers with its own refusals (sender restrictions,
 * access maps, its size limit, its connection limit) and relays what it accepts to a next hop that
 * takes everything. Every reply Tidings reads here is Postfix's own.
 */
@ExtendWith(PostfixCondition.class)
@MicronautTest(transactional = false)
class RelayAnswersTest extends ServiceTest {

    private static final String SENDER = "digest@tidings.test";
    private static final Duration GREYLIST_RETRY = Duration.ofMinutes(10);
    private final int relayPort = freePort();
    private final FaultySmtp nextHop = new FaultySmtp(freePort());
    private Postfix postfix;
    private Path accessMap;

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relayPort),
                "tidings.mail.from", SENDER,
                "tidings.delivery.max-retry", "1h",
                "tidings.delivery.workers", "4",
                "tidings.delivery.batch-size", "50",
                "tidings.delivery.greylist-retry", GREYLIST_RETRY.toString(),
                "tidings.mail.back-off.duration", "1s",
                "tidings.editions.pause-after-sender-refusals", "5");
    }

    @BeforeEach
    void setUp() throws IOException {
        given.clear();
        nextHop.reset();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        // Postfix's smtpd reads it as its own unprivileged user.
        accessMap = Files.createTempFile("tidings-access", ".map", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
    }

    @AfterEach
    void stopPostfix() throws IOException {
        if (postfix != null) {
            postfix.close();
            postfix = null;
        }
        Files.deleteIfExists(accessMap);
    }

    @AfterAll
    void stopNextHop() {
        nextHop.stop();
    }

    private Postfix relay() {
        return Postfix.on(relayPort).relayingTo(nextHop.port());
    }

    /** Recipients that Postfix's access map answers as given ({@code REJECT …}, {@code 450 …}). */
    private String accessMap(Map<String, String> answers) {
        try {
            Files.writeString(accessMap, answers.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue() + "\n").collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "check_recipient_access texthash:" + accessMap;
    }

    private long sendEdition() {
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ((Number) Json.object(Json.object(response.body()), "edition").get("id")).longValue();
    }

    private long rows(String status) {
        return sql.count("SELECT COUNT(*) FROM outbox WHERE kind = 'DIGEST' AND status = ?", status);
    }

    private long readers(String status) {
        return sql.count("SELECT COUNT(*) FROM subscriber WHERE status = ?", status);
    }

    private Map<String, Object> edition(long id) {
        return Json.object(http.get("/admin/editions/" + id, asAdmin()).body());
    }

    private Map<String, Object> editionsHealth() {
        return Json.object(Json.object(Json.object(http.get("/admin/health", asAdmin()).body()), "details"), "editions");
    }

    @Test
    void a_sender_refused_at_rcpt_leaves_every_reader_confirmed_and_pauses_the_edition_until_resumed() {
        // Postfix's default smtpd_delay_reject=yes answers a bad sender in its reply to RCPT:
        // "550 5.1.0 <digest@tidings.test>: Sender address rejected: User unknown in local recipient table"
        // (no such user: Debian has a system user "news", which Postfix would accept).
        postfix = relay().set("mydestination", "tidings.test")
                .set("smtpd_sender_restrictions", "reject_unlisted_sender").start();
        given.readers("reader", 30);

        long id = sendEdition();

        await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(edition(id).get("state")));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("SENDING") == 0);
        long refused = rows("FAILED");
        // Workers already holding a message when the fifth refusal paused it may each see one more.
        assertThat(refused).isBetween(5L, 8L);
        assertThat(rows("PENDING")).isEqualTo(30 - refused);
        assertThat(postfix.log()).contains("Sender address rejected: User unknown");
        assertThat(sql.text("SELECT last_error FROM outbox WHERE status = 'FAILED' ORDER BY id LIMIT 1"))
                .contains("550", "5.1.0", SENDER);
        assertThat(readers("CONFIRMED")).isEqualTo(30);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE hard_bounces > 0")).isZero();

        String reason = (String) edition(id).get("pausedReason");
        assertThat(reason).contains("refusals in a row of the sender or the message", "blocked 5.1.0",
                "Sender address rejected");
        Map<String, Object> health = editionsHealth();
        assertThat(health).containsEntry("status", "DEGRADED");
        assertThat(Json.list(Json.object(health, "details"), "pausedByRefusals"))
                .singleElement().satisfies(paused -> {
                    assertThat(((Number) paused.get("id")).longValue()).isEqualTo(id);
                    assertThat(paused.get("reason")).isEqualTo(reason);
                });
        assertThat(http.get("/admin/dashboard/editions", asAdmin()).body())
                .contains("Paused by delivery: " + reason.substring(0, 40));

        // The operator mends the sender (here: the relay stops refusing it) and resumes.
        postfix.close();
        postfix = relay().start();
        Map<String, Object> resumed = Json.object(http.post("/admin/editions/" + id + "/resume", "application/json", "",
                asAdmin()).body());
        assertThat(resumed).doesNotContainKey("pausedReason");

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SENT") == 30 - refused);
        assertThat(edition(id)).containsEntry("state", "complete");
        assertThat(editionsHealth()).containsEntry("status", "UP");
        assertThat(readers("CONFIRMED")).isEqualTo(30);
    }

    @Test
    void a_message_over_the_relays_size_limit_leaves_the_reader_confirmed() {
        // Postfix keeps its SIZE to itself, so the data goes over and the refusal is the relay's own 552
        // (with SIZE offered the client refuses locally: RelayPostfixTest).
        postfix = relay().set("message_size_limit", "2000").set("smtpd_discard_ehlo_keywords", "size").start();
        long reader = given.reader("reader@example.com", null, "WEEKLY", "CONFIRMED");

        long id = sendEdition();

        await().atMost(Duration.ofSeconds(20)).until(() -> rows("FAILED") == 1);
        assertThat(sql.text("SELECT last_error FROM outbox WHERE recipient = 'reader@example.com'")).contains("552", "5.3.4");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", reader)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT hard_bounces FROM subscriber WHERE id = ?", reader)).isZero();
        assertThat(edition(id)).as("one refusal is no run").containsEntry("state", "complete");
    }

    @Test
    void a_policy_refusal_of_the_recipient_leaves_the_reader_confirmed() {
        postfix = relay().set("smtpd_recipient_restrictions", accessMap(Map.of(
                "policy@example.com", "REJECT Mail to this address is refused by local policy"))).start();
        long refused = given.reader("policy@example.com", null, "WEEKLY", "CONFIRMED");
        long fine = given.reader("fine@example.com", null, "WEEKLY", "CONFIRMED");

        sendEdition();

        await().atMost(Duration.ofSeconds(20)).until(() -> rows("FAILED") == 1 && rows("SENT") == 1);
        assertThat(sql.text("SELECT last_error FROM outbox WHERE recipient = 'policy@example.com'"))
                .contains("554", "5.7.1", "Recipient address rejected");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", refused)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT hard_bounces FROM subscriber WHERE id = ?", refused)).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> nextHop.received("fine@example.com") == 1);
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", fine)).isEqualTo("CONFIRMED");
    }

    @Test
    void a_connection_limit_of_one_with_four_workers_delivers_every_message_with_none_failed() {
        // Loopback is among the default exceptions ($mynetworks): here the limit applies to it.
        postfix = relay().set("smtpd_client_connection_count_limit", "1")
                .set("smtpd_client_event_limit_exceptions", "").start();
        given.readers("busy", 200);
        Scrape before = Scrape.of(http);

        sendEdition();

        await().atMost(Duration.ofSeconds(90)).until(() -> rows("SENT") == 200);
        assertThat(rows("FAILED")).isZero();
        assertThat(sql.count("SELECT MAX(attempts) FROM outbox WHERE kind = 'DIGEST'"))
                .as("a busy relay charges no message an attempt").isEqualTo(1);
        assertThat(postfix.log()).contains("Connection concurrency limit exceeded");
        assertThat(Scrape.of(http).value("tidings_messages_deferred_total", "kind", "digest")
                - before.value("tidings_messages_deferred_total", "kind", "digest")).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.total() == 200);
        assertThat(IntStream.rangeClosed(1, 200).map(n -> nextHop.received("busy" + n + "@example.com")).distinct())
                .containsExactly(1);
    }

    @Test
    void greylisted_recipients_wait_at_the_relays_pace_while_the_rest_of_their_claim_goes_at_once() {
        List<String> greylisted = IntStream.rangeClosed(1, 10).mapToObj(n -> "grey" + n + "@example.com").toList();
        postfix = relay().set("smtpd_recipient_restrictions", accessMap(greylisted.stream().collect(Collectors.toMap(
                address -> address, address -> "450 4.2.0 Greylisted, come back later")))).start();
        // The greylisted readers come first in the claim, one after the other.
        given.readers("grey", 10);
        given.readers("fine", 40);
        Instant queued = clock.instant();

        sendEdition();

        await().atMost(Duration.ofSeconds(15)).until(() -> rows("SENT") == 40 && rows("PENDING") == 10);
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'grey%' AND status = 'PENDING'"
                + " AND attempts = 1 AND last_error LIKE '450 4.2.0%'")).isEqualTo(10);
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'grey%' AND due_at < ?",
                java.sql.Timestamp.from(queued.plus(GREYLIST_RETRY)))).as("retried at the relay's pace").isZero();
        assertThat(postfix.log()).doesNotContain("too many errors");
        assertThat(rows("FAILED")).isZero();
    }
}
