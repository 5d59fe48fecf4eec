package io.tidings.mail;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Dkim;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of email, signed twice by the service (rsa-sha256 and ed25519-sha256, as RFC 8463
 * advises), relayed by a real Postfix to the next hop (GreenMail, which keeps the bytes), and each
 * signature verified there by dkimpy with the public keys of keys OpenSSL made.
 */
@MicronautTest(transactional = false)
@ExtendWith({PostfixCondition.class, Dkim.class})
class DkimDeliveryTest extends ServiceTest {

    private Path keys;
    private Dkim.Key key;
    private Dkim.Key ed25519;
    private Postfix postfix;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            keys = Files.createTempDirectory("dkim-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        key = Dkim.rsaKey(keys, 2048, true);
        ed25519 = Dkim.ed25519Key(keys);
        postfix = Postfix.on(freePort()).relayingTo(smtp.getSmtp().getPort()).start();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tidings.mail.smtp-port", Integer.toString(postfix.port()));
        properties.put("tidings.mail.from", "news@news.example");
        properties.put("tidings.mail.dkim.domain", "news.example");
        properties.put("tidings.mail.dkim.selector", "tidings2026,ed2026");
        properties.put("tidings.mail.dkim.private-key", key.pem() + "," + ed25519.pem());
        properties.put("tidings.mail.feedback-id-sender", "tidings-test");
        return properties;
    }

    @AfterAll
    void stopPostfix() throws IOException {
        if (postfix != null) {
            postfix.close();
        }
        try (var files = Files.walk(keys)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void every_kind_of_email_arrives_through_postfix_with_a_signature_dkimpy_verifies() throws Exception {
        // A confirmation, and once confirmed, the email to the address the reader moves to.
        http.postJson("/api/subscriptions", "{\"email\":\"mover@example.com\",\"name\":\"Ré\",\"topics\":[\"baby\"],\"consent\":true}");
        MimeMessage confirmation = awaitMessagesTo("mover@example.com", 1).get(0);
        String confirmed = http.postForm("/confirm", Map.of("token",
                Mails.queryToken(Mails.linkPath(confirmation, "/confirm?token=")))).body();
        String preferences = "/preferences?token=" + confirmed.replaceAll("(?s).*href=\"/unsubscribe\\?token=([^\"]+)\".*", "$1");
        http.postForm(preferences, Map.of("action", "change-address", "email", "moved@example.com"), "Accept", "text/html");
        MimeMessage addressChange = awaitMessagesTo("moved@example.com", 1).get(0);
        // An edition's digest, and an operator's test copy of it.
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)), "baby");
        given.reader("reader@example.com", "Reader", "DAILY", "CONFIRMED");
        Object edition = Json.object(Json.object(http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin()).body()),
                "edition").get("id");
        MimeMessage digest = awaitMessagesTo("reader@example.com", 1).get(0);
        http.postJson("/admin/editions/" + edition + "/test", "{\"to\":\"editor@example.com\"}", asAdmin());
        MimeMessage testCopy = awaitMessagesTo("editor@example.com", 1).get(0);

        Map<String, MimeMessage> kinds = new LinkedHashMap<>();
        kinds.put("confirmation", confirmation);
        kinds.put("address-change", addressChange);
        kinds.put("digest", digest);
        kinds.put("digest-test", testCopy);
        for (Map.Entry<String, MimeMessage> kind : kinds.entrySet()) {
            MimeMessage message = kind.getValue();
            byte[] raw = raw(message);
            assertThat(message.getHeader("Received")).as(kind.getKey() + " came through Postfix")
                    .anyMatch(received -> received.contains("Postfix"));
            Map<String, String> published = Map.of("tidings2026", key.record(), "ed2026", ed25519.record());
            for (int index : new int[]{0, 1}) {
                Dkim.Verdict verdict = Dkim.verify(raw, index, published);
                assertThat(verdict.pass()).as(kind.getKey() + " signature " + index + ": " + verdict.log()).isTrue();
            }
            String[] signatures = message.getHeader("DKIM-Signature");
            assertThat(signatures).as(kind.getKey()).hasSize(2);
            assertThat(signatures[0].replaceAll("\\s+", "")).as(kind.getKey()).contains("d=news.example", "s=tidings2026;", "a=rsa-sha256",
                    "From:From:To:To:Subject:Subject:Date:Date:Message-ID:Message-ID:", "Feedback-ID:Feedback-ID:");
            assertThat(signatures[1].replaceAll("\\s+", "")).as(kind.getKey()).contains("d=news.example", "s=ed2026;", "a=ed25519-sha256",
                    "From:From:To:To:Subject:Subject:Date:Date:Message-ID:Message-ID:", "Feedback-ID:Feedback-ID:");
            String feedbackId = message.getHeader("Feedback-ID")[0];
            assertThat(feedbackId).as(kind.getKey()).matches("(edition-\\d+:)?" + kind.getKey() + ":tidings-test");
            boolean oneOff = !kind.getKey().equals("digest");
            assertThat(message.getHeader("Auto-Submitted")).as(kind.getKey())
                    .isEqualTo(oneOff ? new String[]{"auto-generated"} : null);
            String changed = new String(raw, StandardCharsets.UTF_8).replaceFirst("\r\nSubject: ", "\r\nSubject: Re: ");
            for (int index : new int[]{0, 1}) {
                assertThat(Dkim.verify(changed.getBytes(StandardCharsets.UTF_8), index, published).pass())
                        .as(kind.getKey() + " with its subject changed, signature " + index).isFalse();
            }
        }
        assertThat(digest.getHeader("Feedback-ID")[0]).isEqualTo("edition-" + edition + ":digest:tidings-test");
        assertThat(testCopy.getHeader("Feedback-ID")[0]).isEqualTo("edition-" + edition + ":digest-test:tidings-test");
        assertThat(confirmation.getHeader("Feedback-ID")[0]).isEqualTo("confirmation:tidings-test");
        assertThat(digest.getHeader("DKIM-Signature")[0].replaceAll("\\s+", "")).contains("List-Id:List-Id:List-Unsubscribe:List-Unsubscribe:");
        assertThat(postfix.log()).contains("to=<reader@example.com>, relay=127.0.0.1", "status=sent");
    }

    /** The message as the next hop received it: headers as they came, body untouched. */
    private static byte[] raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
