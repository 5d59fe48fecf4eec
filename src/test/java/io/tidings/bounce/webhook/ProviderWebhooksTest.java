package io.tidings.bounce.webhook;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four provider webhooks over HTTP against the whole service and its database: SES through a
 * local SNS (an https server with a signing certificate made by keytool), Postmark with basic auth,
 * SendGrid and Mailgun signed with test keys. Accepted events change the reader as the bounce
 * pipeline says; every request that is not to be believed is refused with 4xx and changes nothing.
 * The payloads are the providers' documented examples (see {@code src/test/resources/webhooks/README.md}).
 */
@MicronautTest(transactional = false)
class ProviderWebhooksTest extends ServiceTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:tidings-ses";
    private static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:someone-elses";
    private static final String POSTMARK_USER = "postmark";
    private static final String POSTMARK_PASSWORD = "postmark-webhook-password-0123";
    private static final String MAILGUN_KEY = "mailgun-signing-key-0123456789abcdef";
    private LocalSns sns;
    private KeyPair sendGrid;

    @Inject
    JsonMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        sns = new LocalSns();
        sendGrid = ecKeyPair();
        Map<String, String> properties = new HashMap<>();
        properties.put("tidings.webhooks.ses.topic-arns", "arn:aws:sns:eu-west-1:123456789012:elsewhere, " + TOPIC);
        properties.put("tidings.webhooks.ses.certificate-hosts", sns.hostPattern());
        properties.put("tidings.webhooks.ses.certificate-trust", sns.trust().toString());
        properties.put("tidings.webhooks.postmark.user", POSTMARK_USER);
        properties.put("tidings.webhooks.postmark.password", POSTMARK_PASSWORD);
        properties.put("tidings.webhooks.sendgrid.public-key",
                Base64.getEncoder().encodeToString(sendGrid.getPublic().getEncoded()));
        properties.put("tidings.webhooks.mailgun.signing-key", MAILGUN_KEY);
        return properties;
    }

    @AfterAll
    void stopSns() {
        sns.close();
    }

    // Amazon SES through SNS

    @Test
    void a_signed_ses_bounce_notification_bounces_the_reader() {
        String email = email("ses-hard");
        long reader = given.reader(email, "Jane", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = postSes(notification(TOPIC, Samples.of("ses-bounce-notification.json",
                names(email)), 1, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"recorded\":1");
        assertThat(status(reader)).isEqualTo("BOUNCED");
        assertThat(bounces(reader, "ses", "hard")).isEqualTo(1);
    }

    @Test
    void an_ses_complaint_published_as_an_event_and_signed_in_version_2_unsubscribes_the_reader() {
        String email = email("ses-complaint");
        long reader = given.reader(email, "Mary", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = postSes(notification(TOPIC, Samples.of("ses-complaint-event.json",
                names(email)), 2, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("UNSUBSCRIBED");
        assertThat(bounces(reader, "ses", "complaint")).isEqualTo(1);
    }

    @Test
    void a_subscription_confirmation_for_an_allowed_topic_is_confirmed() {
        int before = sns.confirmations();

        HttpResponse<String> response = postSes(confirmation(TOPIC, sns.subscribeUrl(TOPIC)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(sns.confirmations()).isEqualTo(before + 1);
    }

    @Test
    void a_subscription_confirmation_for_a_topic_not_on_the_list_is_refused_and_never_visited() {
        int before = sns.confirmations();
        State state = state();

        HttpResponse<String> response = postSes(confirmation(OTHER_TOPIC, sns.subscribeUrl(OTHER_TOPIC)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sns.confirmations()).isEqualTo(before);
        assertThat(state()).isEqualTo(state);
    }

    @Test
    void a_subscription_link_off_the_sns_hosts_is_refused_and_never_visited() {
        int before = sns.confirmations();

        HttpResponse<String> response = postSes(confirmation(TOPIC, "http://127.0.0.1:1/confirm?Token=x"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(sns.confirmations()).isEqualTo(before);
    }

    @Test
    void an_ses_notification_signed_by_another_key_is_refused_and_changes_nothing() {
        String email = email("ses-forged");
        long reader = given.reader(email, "Rick", "WEEKLY", "CONFIRMED", "pregnancy");
        State state = state();

        HttpResponse<String> response = postSes(notification(TOPIC, Samples.of("ses-bounce-notification.json",
                names(email)), 1, true));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("signature does not verify");
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    @Test
    void an_ses_notification_changed_after_signing_is_refused_and_changes_nothing() {
        String email = email("ses-tampered");
        long reader = given.reader(email, "Rick", "WEEKLY", "CONFIRMED", "pregnancy");
        String signedForAnother = notification(TOPIC, Samples.of("ses-bounce-notification.json",
                names(email("someone-else"))), 2, false);
        State state = state();

        HttpResponse<String> response = postSes(signedForAnother.replace(email("someone-else"), email));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    @Test
    void an_ses_notification_for_a_topic_not_on_the_list_is_refused_and_changes_nothing() {
        String email = email("ses-topic");
        long reader = given.reader(email, "Rick", "WEEKLY", "CONFIRMED", "pregnancy");
        State state = state();

        HttpResponse<String> response = postSes(notification(OTHER_TOPIC, Samples.of("ses-bounce-notification.json",
                names(email)), 1, false));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not on SES_TOPIC_ARNS");
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    @Test
    void a_signing_certificate_off_the_sns_hosts_is_refused() {
        String message = notification(TOPIC, Samples.of("ses-bounce-notification.json", names(email("ses-cert"))), 1, false);
        State state = state();

        for (String elsewhere : new String[]{"https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
                "http://" + sns.certificateUrl().substring("https://".length()), "https://user@" + sns.certificateUrl().substring(8)}) {
            HttpResponse<String> response = postSes(message.replace(sns.certificateUrl(), elsewhere));
            assertThat(response.statusCode()).as(elsewhere).isEqualTo(403);
        }
        assertThat(state()).isEqualTo(state);
    }

    @Test
    void a_delivery_delay_is_accepted_and_changes_nothing() {
        String email = email("ses-delay");
        long reader = given.reader(email, "Jane", "WEEKLY", "CONFIRMED", "pregnancy");
        State state = state();

        HttpResponse<String> response = postSes(notification(TOPIC, Samples.of("ses-delivery-delay-event.json",
                names(email)), 2, false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"recorded\":0", "\"ignored\":1");
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    // Postmark

    @Test
    void a_postmark_hard_bounce_with_the_right_credentials_bounces_the_reader() {
        String email = email("postmark-hard");
        long reader = given.reader(email, "John", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = http.post("/webhooks/postmark", "application/json",
                Samples.of("postmark-bounce.json", names(email)), basic(POSTMARK_USER, POSTMARK_PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("BOUNCED");
        assertThat(bounces(reader, "postmark", "hard")).isEqualTo(1);
    }

    @Test
    void a_postmark_spam_complaint_unsubscribes_the_reader() {
        String email = email("postmark-complaint");
        long reader = given.reader(email, "John", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = http.post("/webhooks/postmark", "application/json",
                Samples.of("postmark-spam-complaint.json", names(email)), basic(POSTMARK_USER, POSTMARK_PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("UNSUBSCRIBED");
        assertThat(bounces(reader, "postmark", "complaint")).isEqualTo(1);
    }

    @Test
    void a_wrong_or_missing_postmark_password_is_refused_with_401_and_changes_nothing() {
        String email = email("postmark-wrong");
        long reader = given.reader(email, "John", "WEEKLY", "CONFIRMED", "pregnancy");
        String body = Samples.of("postmark-bounce.json", names(email));
        State state = state();

        HttpResponse<String> wrong = http.post("/webhooks/postmark", "application/json", body,
                basic(POSTMARK_USER, POSTMARK_PASSWORD + "x"));
        HttpResponse<String> missing = http.post("/webhooks/postmark", "application/json", body);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    // SendGrid

    @Test
    void a_signed_sendgrid_batch_bounces_one_reader_and_records_the_complaint_of_another() {
        String bounced = email("sendgrid-hard");
        String complained = email("sendgrid-complaint");
        long bouncedReader = given.reader(bounced, "Ann", "WEEKLY", "CONFIRMED", "pregnancy");
        long complainedReader = given.reader(complained, "Bea", "WEEKLY", "CONFIRMED", "pregnancy");
        // Of the documented batch: the bounce to one reader, the spam report from the other.
        String batch = Samples.of("sendgrid-events.json", names(bounced))
                .replaceFirst("(?s)(\"email\": \")" + bounced + "(\",\\s*\"timestamp\": 1513299569,\\s*\"event\": \"spamreport\")",
                        "$1" + complained + "$2");
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        HttpResponse<String> response = postSendGrid(batch, timestamp, signSendGrid(timestamp, batch));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(bouncedReader)).isEqualTo("BOUNCED");
        assertThat(bounces(bouncedReader, "sendgrid", "hard")).isEqualTo(2);
        assertThat(bounces(bouncedReader, "sendgrid", "blocked")).isEqualTo(1);
        assertThat(status(complainedReader)).isEqualTo("UNSUBSCRIBED");
        assertThat(bounces(complainedReader, "sendgrid", "complaint")).isEqualTo(1);
    }

    @Test
    void a_sendgrid_timestamp_out_of_tolerance_is_refused_and_changes_nothing() {
        String email = email("sendgrid-stale");
        long reader = given.reader(email, "Ann", "WEEKLY", "CONFIRMED", "pregnancy");
        String batch = Samples.of("sendgrid-events.json", names(email));
        String stale = Long.toString(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
        State state = state();

        HttpResponse<String> response = postSendGrid(batch, stale, signSendGrid(stale, batch));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("timestamp");
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    @Test
    void a_sendgrid_batch_changed_after_signing_or_unsigned_is_refused_and_changes_nothing() {
        String email = email("sendgrid-forged");
        long reader = given.reader(email, "Ann", "WEEKLY", "CONFIRMED", "pregnancy");
        String signed = Samples.of("sendgrid-events.json", names(email("someone-else")));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = signSendGrid(timestamp, signed);
        State state = state();

        HttpResponse<String> changed = postSendGrid(signed.replace(email("someone-else"), email), timestamp, signature);
        HttpResponse<String> unsigned = http.post("/webhooks/sendgrid", "application/json", signed);

        assertThat(changed.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    // Mailgun

    @Test
    void a_signed_mailgun_permanent_failure_bounces_the_reader() {
        String email = email("mailgun-hard");
        long reader = given.reader(email, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = postMailgun(mailgun("mailgun-failed-permanent.json", email, token(), now()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("BOUNCED");
        assertThat(bounces(reader, "mailgun", "hard")).isEqualTo(1);
    }

    @Test
    void a_mailgun_failure_naming_our_message_id_is_matched_to_that_digest() throws Exception {
        String email = email("mailgun-digest");
        long reader = given.reader(email, "Dora", "DAILY", "CONFIRMED", "fertility");
        given.article("Reading ovulation tests", clock.instant().minus(Duration.ofHours(1)), "fertility");
        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isIn(200, 201);
        // Mailgun gives the Message-ID of the email it sent without its angle brackets.
        String messageId = awaitMessagesTo(email, 1).get(0).getMessageID();
        String bare = messageId.substring(1, messageId.length() - 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                sql.count("SELECT count(*) FROM outbox WHERE recipient = ? AND status = 'SENT'", email) == 1);
        Map<String, String> values = new HashMap<>(Map.of("recipient", email, "message-id", bare, "token", token(),
                "timestamp", now()));
        values.put("signature", hmac(values.get("timestamp") + values.get("token")));

        HttpResponse<String> response = postMailgun(Samples.of("mailgun-failed-permanent.json", values));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("BOUNCED");
        assertThat(sql.count("SELECT count(*) FROM bounce b JOIN outbox o ON o.id = b.message_id"
                + " WHERE b.subscriber_id = ? AND o.message_id = ? AND b.edition_id = o.edition_id", reader, messageId))
                .isEqualTo(1);
    }

    @Test
    void a_mailgun_complaint_unsubscribes_the_reader() {
        String email = email("mailgun-complaint");
        long reader = given.reader(email, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");

        HttpResponse<String> response = postMailgun(mailgun("mailgun-complained.json", email, token(), now()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void a_replayed_mailgun_request_is_refused_and_changes_nothing() {
        String first = email("mailgun-first");
        String second = email("mailgun-replayed");
        given.reader(first, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");
        long replayed = given.reader(second, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");
        String token = token();
        String timestamp = now();
        assertThat(postMailgun(mailgun("mailgun-complained.json", first, token, timestamp)).statusCode()).isEqualTo(200);
        State state = state();

        // The same signature and token, and another event: a captured request sent again, changed or not.
        HttpResponse<String> response = postMailgun(mailgun("mailgun-failed-permanent.json", second, token, timestamp));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(state()).isEqualTo(state);
        assertThat(status(replayed)).isEqualTo("CONFIRMED");
    }

    @Test
    void a_wrong_mailgun_signature_or_a_stale_timestamp_is_refused_and_changes_nothing() {
        String email = email("mailgun-forged");
        long reader = given.reader(email, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");
        String token = token();
        String now = now();
        String forged = mailgun("mailgun-failed-permanent.json", email, token, now)
                .replace(hmac(now + token), hmac(now + token + "x"));
        String stale = Long.toString(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
        State state = state();

        HttpResponse<String> wrong = postMailgun(forged);
        HttpResponse<String> old = postMailgun(mailgun("mailgun-failed-permanent.json", email, token(), stale));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(state);
        assertThat(status(reader)).isEqualTo("CONFIRMED");
    }

    @Test
    void mailgun_tokens_are_forgotten_once_their_requests_are_too_old_to_be_believed() {
        String email = email("mailgun-expiry");
        given.reader(email, "Alice", "WEEKLY", "CONFIRMED", "pregnancy");
        String old = token();
        assertThat(postMailgun(mailgun("mailgun-failed-temporary.json", email, old, now())).statusCode()).isEqualTo(200);
        assertThat(sql.count("SELECT count(*) FROM mailgun_token WHERE token = ?", old)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        assertThat(postMailgun(mailgun("mailgun-failed-temporary.json", email, token(), now())).statusCode()).isEqualTo(200);

        assertThat(sql.count("SELECT count(*) FROM mailgun_token WHERE token = ?", old)).isZero();
    }

    // Every endpoint

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() {
        byte[] large = new byte[1_100_000];
        java.util.Arrays.fill(large, (byte) ' ');

        for (String path : new String[]{"/webhooks/ses", "/webhooks/postmark", "/webhooks/sendgrid", "/webhooks/mailgun"}) {
            assertThat(http.post(path, "application/json", large).statusCode()).as(path).isEqualTo(413);
        }
    }

    @Test
    void garbage_is_refused_with_400_and_changes_nothing() {
        State state = state();

        assertThat(postSes("{\"Type\":").statusCode()).isEqualTo(400);
        assertThat(postMailgun("[1,2]").statusCode()).isEqualTo(400);
        assertThat(http.post("/webhooks/postmark", "application/json", "{\"TypeCode\":\"x\"}",
                basic(POSTMARK_USER, POSTMARK_PASSWORD)).statusCode()).isEqualTo(400);
        assertThat(state()).isEqualTo(state);
    }

    // Helpers

    /** What a refused request must leave as it was: every table's row count and who is still confirmed. */
    private record State(Map<String, Long> rows, long confirmed) {
    }

    private State state() {
        return new State(sql.rowCounts(), sql.count("SELECT count(*) FROM subscriber WHERE status = 'CONFIRMED'"));
    }

    private String status(long reader) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", reader);
    }

    private long bounces(long reader, String source, String type) {
        return sql.count("SELECT count(*) FROM bounce WHERE subscriber_id = ? AND source = ? AND type = ?", reader, source, type);
    }

    private static String email(String name) {
        return name + "@readers.example.org";
    }

    private static Map<String, String> names(String email) {
        return Map.of("recipient", email, "message-id", "<unknown." + UUID.randomUUID() + "@news.example.com>");
    }

    private HttpResponse<String> postSes(String body) {
        return http.post("/webhooks/ses", "text/plain; charset=UTF-8", body,
                "x-amz-sns-message-type", "Notification");
    }

    /**
     * An SNS notification carrying {@code payload}, signed as SNS signs (the text AWS documents for
     * a Notification: Message, MessageId, Subject, Timestamp, TopicArn and Type, each after its name).
     */
    private String notification(String topic, String payload, int version, boolean forged) {
        String messageId = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
        String signed = "Message\n" + payload + "\nMessageId\n" + messageId + "\nSubject\nAmazon SES Email Event Notification"
                + "\nTimestamp\n2012-05-02T00:54:06.655Z\nTopicArn\n" + topic + "\nType\nNotification\n";
        return Samples.of("sns-notification.json", Map.of("topic", topic, "message", jsonString(payload),
                "version", Integer.toString(version), "certificate", sns.certificateUrl(),
                "signature", forged ? sns.forge(signed, version) : sns.sign(signed, version)));
    }

    /** A SubscriptionConfirmation, signed over Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type. */
    private String confirmation(String topic, String subscribeUrl) {
        String template = Samples.of("sns-subscription-confirmation.json", Map.of("topic", topic, "subscribe", subscribeUrl,
                "version", "1", "certificate", sns.certificateUrl()));
        String token = template.replaceFirst("(?s).*\"Token\" : \"([^\"]+)\".*", "$1");
        String signed = "Message\nYou have chosen to subscribe to the topic " + topic
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.\nMessageId\n"
                + "165545c9-2a5c-472c-8df2-7ff2be2b3b1b\nSubscribeURL\n" + subscribeUrl + "\nTimestamp\n2012-04-26T20:45:04.751Z\nToken\n"
                + token + "\nTopicArn\n" + topic + "\nType\nSubscriptionConfirmation\n";
        return template.replace("{{signature}}", sns.sign(signed, 1));
    }

    private HttpResponse<String> postSendGrid(String body, String timestamp, String signature) {
        return http.post("/webhooks/sendgrid", "application/json", body,
                SendGridWebhookController.SIGNATURE, signature, SendGridWebhookController.TIMESTAMP, timestamp);
    }

    private String signSendGrid(String timestamp, String body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(sendGrid.getPrivate());
            signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postMailgun(String body) {
        return http.post("/webhooks/mailgun", "application/json", body);
    }

    private String mailgun(String sample, String email, String token, String timestamp) {
        Map<String, String> values = new HashMap<>(names(email));
        values.put("timestamp", timestamp);
        values.put("token", token);
        values.put("signature", hmac(timestamp + token));
        return Samples.of(sample, values);
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private static String token() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII)).substring(0, 50);
    }

    private static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] basic(String user, String password) {
        return new String[]{"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    private String jsonString(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
