package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw inbound webhook, the operator's list and a reader's record, and what a complaint does: the
 * reader unsubscribed, queued mail suppressed, the address kept from imports until the reader's own
 * new opt-in. Digests go to GreenMail; the complaint is Dovecot's RFC 5965 report about the digest the reader got.
 */
@MicronautTest(transactional = false)
class BounceApiTest extends ServiceTest {

    static final String WEBHOOK_TOKEN = "test-webhook-token-0123456789";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.mail.from", "news@news.tidings.test",
                "tidings.bounces.address", "bounces@news.tidings.test",
                "tidings.bounces.webhook-token", WEBHOOK_TOKEN,
                "tidings.auth-throttle.per-client", "3");
    }

    @BeforeEach
    void setUp() throws Exception {
        given.clear();
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void a_complaint_unsubscribes_the_reader_suppresses_their_mail_and_keeps_imports_away_until_they_opt_in()
            throws Exception {
        long carol = given.reader("carol@example.com", "Carol", "WEEKLY", "CONFIRMED");
        MimeMessage digest = sendEditionTo("carol@example.com");
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, recipient, message_id, status, due_at, created_at)
                VALUES ('DIGEST', ?, 'carol@example.com', '<later@news.tidings.test>', 'PENDING', ?, ?)""",
                carol, java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(1))), java.sql.Timestamp.from(clock.instant()));

        HttpResponse<String> response = postBounce(abuseReport(digest));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", carol)).isEqualTo("UNSUBSCRIBED");
        assertThat(sql.text("SELECT kind || ' ' || source || ' ' || evidence FROM consent_event WHERE subscriber_id = ?", carol))
                .isEqualTo("unsubscribed COMPLAINT complaint (webhook-raw)");
        assertThat(sql.text("SELECT status FROM outbox WHERE message_id = '<later@news.tidings.test>'")).isEqualTo("SUPPRESSED");
        assertThat(sql.count("SELECT COUNT(*) FROM suppressed_address")).isEqualTo(1);
        assertThat(sql.text("SELECT type || ' ' || source FROM bounce WHERE subscriber_id = ?", carol)).isEqualTo("complaint webhook-raw");

        Map<String, Object> imported = importCsv("carol@example.com");
        assertThat(Json.list(imported, "rejected")).singleElement().satisfies(row ->
                assertThat(row.get("reason").toString()).contains("reported the newsletter as spam"));
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", carol)).isEqualTo("UNSUBSCRIBED");

        http.postJson("/api/subscriptions", "{\"email\":\"carol@example.com\",\"consent\":true}");
        String link = Mails.linkPath(awaitMessagesTo("carol@example.com", 2).get(1), "/confirm?token=");
        assertThat(http.postForm("/confirm", Map.of("token", Mails.queryToken(link))).statusCode()).isEqualTo(200);
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", carol)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM suppressed_address")).as("her own opt-in clears the list").isZero();
    }

    @Test
    void the_operator_lists_bounces_newest_first_and_sees_them_in_a_readers_record() throws Exception {
        long carol = given.reader("carol@example.com", "Carol", "WEEKLY", "CONFIRMED");
        postBounce(abuseReport(sendEditionTo("carol@example.com")));
        long dan = given.reader("dan@example.com", null, "WEEKLY", "CONFIRMED");
        sql.update("INSERT INTO bounce (subscriber_id, recipient, type, status, diagnostic, source, received_at) "
                        + "VALUES (?, 'dan@example.com', 'blocked', '5.7.1', 'smtp; 550 5.7.1 policy', 'mailbox', ?)",
                dan, java.sql.Timestamp.from(clock.instant().plusSeconds(60)));

        Map<String, Object> all = Json.object(http.get("/admin/bounces", asAdmin()).body());
        assertThat(Json.list(all, "items")).extracting(item -> item.get("recipient"))
                .containsExactly("dan@example.com", "carol@example.com");
        assertThat(Json.list(all, "items").get(1)).containsEntry("type", "complaint").containsEntry("source", "webhook-raw")
                .containsEntry("subscriberId", (int) carol);
        assertThat(Json.list(all, "items").get(1).get("editionId")).isNotNull();
        Map<String, Object> complaints = Json.object(http.get("/admin/bounces?type=complaint&since=2000-01-01", asAdmin()).body());
        assertThat(Json.list(complaints, "items")).extracting(item -> item.get("recipient")).containsExactly("carol@example.com");
        assertThat(complaints).containsEntry("total", 1);

        assertThat(http.get("/admin/bounces?type=angry", asAdmin()).statusCode()).isEqualTo(422);
        HttpResponse<String> badSince = http.get("/admin/bounces?since=yesterday", asAdmin());
        assertThat(badSince.statusCode()).isEqualTo(422);
        assertThat(badSince.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(http.get("/admin/bounces?size=0", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/bounces").statusCode()).isEqualTo(401);

        Map<String, Object> record = Json.object(http.get("/admin/subscribers/" + dan, asAdmin()).body());
        assertThat(Json.list(record, "bounces")).singleElement().satisfies(entry ->
                assertThat(entry).containsEntry("type", "blocked").containsEntry("status", "5.7.1"));
        String export = http.postForm("/preferences?token=" + manageTokens.tokenFor(sql.text("SELECT uid FROM subscriber WHERE id = ?", carol)),
                Map.of("action", "export"), "Accept", "text/html").body();
        assertThat(Json.list(Json.object(export), "bounces")).singleElement().satisfies(entry ->
                assertThat(entry).containsEntry("type", "complaint"));
    }

    @Test
    void the_webhook_wants_its_token_and_one_email_and_says_what_it_ignored() throws Exception {
        long carol = given.reader("carol@example.com", "Carol", "WEEKLY", "CONFIRMED");
        byte[] report = abuseReport(sendEditionTo("carol@example.com"));

        HttpResponse<String> anonymous = http.post("/webhooks/bounces", "message/rfc822", report);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tidings-webhooks\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(http.post("/webhooks/bounces", "application/json", "{}", bearer(WEBHOOK_TOKEN)).statusCode()).isEqualTo(415);
        assertThat(http.post("/webhooks/bounces", "message/rfc822", new byte[2_000_000], bearer(WEBHOOK_TOKEN)).statusCode())
                .isEqualTo(413);
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/webhooks/bounces", "message/rfc822", report, bearer("wrong-token-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = http.post("/webhooks/bounces", "message/rfc822", report, bearer(WEBHOOK_TOKEN));
        assertThat(throttled.statusCode()).as("wrong tokens count in the sign-in throttle").isEqualTo(429);
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", carol)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).isZero();
    }

    @Test
    void an_auto_reply_or_a_stranger_changes_nothing_and_is_answered_200_with_why() throws Exception {
        long carol = given.reader("carol@example.com", "Carol", "WEEKLY", "CONFIRMED");
        MimeMessage digest = sendEditionTo("carol@example.com");

        MimeMessage vacation = new MimeMessage(Session.getInstance(new Properties()));
        vacation.setFrom(new InternetAddress("carol@example.com"));
        vacation.setRecipient(Message.RecipientType.TO, new InternetAddress("news@news.tidings.test"));
        vacation.setSubject("Out of office: " + digest.getSubject());
        vacation.setHeader("Auto-Submitted", "auto-replied");
        vacation.setHeader("In-Reply-To", digest.getMessageID());
        vacation.setText("I am away until Monday.");
        HttpResponse<String> autoReply = postBounce(bytes(vacation));
        assertThat(autoReply.statusCode()).isEqualTo(200);
        assertThat(Json.object(autoReply.body())).containsEntry("ignored", "auto-reply");

        HttpResponse<String> stranger = postBounce(bytes(letter("stranger@example.org", "Hello", "Just saying hello.")));
        assertThat(Json.object(stranger.body())).containsEntry("ignored", "not a bounce, complaint or auto-reply");
        HttpResponse<String> garbage = postBounce("\u0000\u0001 not \r\n\r\n mail".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(Json.object(garbage.body())).containsKey("ignored");
        HttpResponse<String> unknown = postBounce(abuseReport(letter("x@example.org", "Hi", "Hi")));
        assertThat(Json.object(unknown.body())).containsEntry("ignored", "names no message or reader of ours");

        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", carol)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).isZero();
    }

    /** Composes and sends an edition, and returns the digest the reader got. */
    private MimeMessage sendEditionTo(String reader) {
        clock.advance(Duration.ofDays(8));
        given.article("News " + clock.instant(), clock.instant().minus(Duration.ofHours(1)));
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<MimeMessage> got = awaitMessagesTo(reader, 1);
        return got.get(got.size() - 1);
    }

    private Map<String, Object> importCsv(String email) {
        HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv",
                "email,name,topics,frequency,consent_source,consented_at\n" + email + ",,,weekly,old list,2024-01-01\n", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.object(response.body());
    }

    /**
     * An RFC 5965 abuse report about {@code original}, as a mailbox provider's feedback loop sends one:
     * the report Dovecot's Pigeonhole wrote when a reader moved a digest to Junk
     * ({@code src/test/resources/mailbox/dovecot-arf.eml}, see the README there), with its third part,
     * the reported message, replaced by {@code original}. Dovecot names the reader only in that message.
     */
    private static byte[] abuseReport(MimeMessage original) throws Exception {
        byte[] sample;
        try (var in = BounceApiTest.class.getResourceAsStream("/mailbox/dovecot-arf.eml")) {
            sample = in.readAllBytes();
        }
        String report = new String(sample, StandardCharsets.ISO_8859_1);
        String boundary = new ContentType(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sample))
                .getContentType()).getParameter("boundary");
        int reported = report.indexOf("\r\n\r\n", report.indexOf("Content-Type: message/rfc822")) + 4;
        int end = report.indexOf("\r\n--" + boundary + "--", reported);
        return (report.substring(0, reported) + new String(bytes(original), StandardCharsets.ISO_8859_1) + report.substring(end))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MimeMessage letter(String from, String subject, String text) throws Exception {
        MimeMessage letter = new MimeMessage(Session.getInstance(new Properties()));
        letter.setFrom(new InternetAddress(from));
        letter.setRecipient(Message.RecipientType.TO, new InternetAddress("bounces@news.tidings.test"));
        letter.setSubject(subject);
        letter.setText(text);
        return letter;
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private HttpResponse<String> postBounce(byte[] message) {
        return http.post("/webhooks/bounces", "message/rfc822", message, bearer(WEBHOOK_TOKEN));
    }

    private static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }
}
