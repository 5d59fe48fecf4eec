package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.FaultySmtp.Reply;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.Scrape;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real DSNs, made by a real Postfix: Tidings sends each edition through Postfix with BOUNCE_ADDRESS
 * set; Postfix relays to a next hop (SubEthaSMTP) that refuses some readers after accepting the
 * connection, so Postfix itself writes a DSN to the message's VERP address; the next hop keeps those
 * DSNs, and the test hands each to {@code POST /webhooks/bounces} as an MTA's pipe would.
 */
@MicronautTest(transactional = false)
@ExtendWith(PostfixCondition.class)
class PostfixBouncesTest extends ServiceTest {

    static final String WEBHOOK_TOKEN = "test-webhook-token-0123456789";
    private final FaultySmtp nextHop = new FaultySmtp(freePort());
    private Postfix postfix;
    private volatile Map<String, Reply> refusals = Map.of();

    @Inject
    InboundMessages inbound;

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.keeping(recipient -> recipient.startsWith("bounces+"))
                .answering((recipient, attempt) -> refusals.get(recipient.substring(0, recipient.indexOf('@'))))
                .start();
        postfix = Postfix.on(freePort()).relayingTo(nextHop.port()).start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(postfix.port()),
                "tidings.mail.from", "news@news.tidings.test",
                "tidings.bounces.address", "bounces@news.tidings.test",
                "tidings.bounces.webhook-token", WEBHOOK_TOKEN,
                "tidings.bounces.soft-threshold", "2");
    }

    @AfterAll
    void stopPeers() {
        if (postfix != null) {
            postfix.close();
        }
        nextHop.stop();
    }

    @BeforeEach
    void setUp() {
        given.clear();
        nextHop.reset();
    }

    @Test
    void a_dead_address_is_bounced_at_once_and_a_refused_sender_or_message_changes_no_reader() throws Exception {
        long gone = given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        long blocked = given.reader("blocked@example.com", null, "WEEKLY", "CONFIRMED");
        long large = given.reader("large@example.com", null, "WEEKLY", "CONFIRMED");
        long fine = given.reader("fine@example.com", null, "WEEKLY", "CONFIRMED");
        refusals = Map.of(
                "gone", new Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown"),
                "blocked", new Reply(550, "5.7.1 Message rejected due to the sender's DMARC policy"),
                "large", new Reply(552, "5.3.4 Message size exceeds fixed limit"));
        Scrape before = Scrape.of(http);

        List<byte[]> dsns = sendEditionAndCollect(3);
        for (byte[] dsn : dsns) {
            HttpResponse<String> response = postBounce(dsn);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }

        assertThat(stateOf(gone)).isEqualTo("BOUNCED");
        assertThat(stateOf(blocked)).isEqualTo("CONFIRMED");
        assertThat(stateOf(large)).isEqualTo("CONFIRMED");
        assertThat(stateOf(fine)).isEqualTo("CONFIRMED");
        assertThat(bounceOf(gone)).isEqualTo("hard 5.1.1 webhook-raw");
        assertThat(bounceOf(blocked)).isEqualTo("blocked 5.7.1 webhook-raw");
        assertThat(bounceOf(large)).isEqualTo("message 5.3.4 webhook-raw");
        assertThat(sql.text("SELECT diagnostic FROM bounce WHERE subscriber_id = ?", gone)).contains("User unknown");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE subscriber_id = ? AND message_id = "
                + "(SELECT id FROM outbox WHERE recipient = 'gone@example.com') AND edition_id IS NOT NULL", gone)).isEqualTo(1);
        Scrape after = Scrape.of(http);
        assertThat(after.value("tidings_bounces_total", "type", "hard", "source", "webhook-raw")
                - before.value("tidings_bounces_total", "type", "hard", "source", "webhook-raw")).isEqualTo(1);

        HttpResponse<String> again = postBounce(dsns.get(0));
        assertThat(again.statusCode()).as("the same DSN twice is recorded once").isEqualTo(200);
        assertThat(again.body()).contains("already recorded");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).isEqualTo(3);
    }

    @Test
    void soft_bounces_bounce_a_reader_at_the_threshold_unless_a_delivery_came_between() throws Exception {
        long always = given.reader("full-always@example.com", null, "WEEKLY", "CONFIRMED");
        long between = given.reader("full-between@example.com", null, "WEEKLY", "CONFIRMED");
        Reply full = new Reply(552, "5.2.2 <mailbox>: Mailbox full");

        refusals = Map.of("full-always", full, "full-between", full);
        sendEditionAndCollect(2).forEach(this::recorded);
        assertThat(stateOf(always)).as("one soft bounce of two").isEqualTo("CONFIRMED");

        refusals = Map.of("full-always", full);
        sendEditionAndCollect(1).forEach(this::recorded);
        assertThat(stateOf(always)).as("the second soft bounce in a row").isEqualTo("BOUNCED");

        refusals = Map.of("full-between", full);
        sendEditionAndCollect(1).forEach(this::recorded);
        assertThat(stateOf(between)).as("the last edition reached them in between").isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE subscriber_id = ? AND type = 'soft'", between)).isEqualTo(2);
    }

    @Test
    void a_postfix_dsn_names_the_failed_recipient_its_status_and_our_verp_token() throws Exception {
        given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        refusals = Map.of("gone", new Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown"));

        byte[] dsn = sendEditionAndCollect(1).get(0);

        InboundMessages.Reading reading = inbound.read(new ByteArrayInputStream(dsn), Source.MAILBOX);
        assertThat(reading.ignored()).isNull();
        assertThat(reading.reports()).singleElement().satisfies(report -> {
            assertThat(report.type().label()).isEqualTo("hard");
            assertThat(report.status()).isEqualTo("5.1.1");
            assertThat(report.clues().recipient()).isEqualTo("gone@example.com");
            assertThat(report.clues().verpToken()).isNotBlank();
            assertThat(report.clues().messageId()).endsWith("@news.tidings.test>");
        });
        assertThat(new String(dsn, StandardCharsets.US_ASCII)).contains("report-type=delivery-status", "Postfix");
    }

    private void recorded(byte[] dsn) {
        HttpResponse<String> response = postBounce(dsn);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** Composes and sends an edition, and waits for Postfix's DSNs to reach the next hop. */
    private List<byte[]> sendEditionAndCollect(int dsns) {
        int before = nextHop.kept().size();
        clock.advance(Duration.ofDays(8));
        given.article("News " + clock.instant(), clock.instant().minus(Duration.ofHours(1)));
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> nextHop.kept().size() >= before + dsns);
        return nextHop.kept().subList(before, before + dsns).stream().map(FaultySmtp.Kept::data).toList();
    }

    private HttpResponse<String> postBounce(byte[] message) {
        return http.post("/webhooks/bounces", "message/rfc822", message, "Authorization", "Bearer " + WEBHOOK_TOKEN);
    }

    private String stateOf(long subscriberId) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriberId);
    }

    private String bounceOf(long subscriberId) {
        return sql.text("SELECT type || ' ' || status || ' ' || source FROM bounce WHERE subscriber_id = ?", subscriberId);
    }
}
