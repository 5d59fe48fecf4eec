package io.tidings.mail;

import io.tidings.support.Dkim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages signed with keys OpenSSL made, checked by dkimpy; and the settings the start refuses. */
@ExtendWith(Dkim.class)
class DkimSigningTest {

    private static final MailConfig MAIL = new MailConfig("news@news.example", "Tidings", "", 0, "", "",
            MailConfig.SmtpSecurity.NONE, "", Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, false, "", Duration.ZERO, "");

    @TempDir
    static Path keys;

    private static byte[] signed(Path key, Map<String, String> headers) throws Exception {
        return signed("tidings2026", key.toString(), headers);
    }

    private static byte[] signed(String selectors, String keys, Map<String, String> headers) throws Exception {
        DkimSigning dkim = new DkimSigning(new DkimConfig("news.example", selectors, keys), MAIL);
        MimeMessages messages = new MimeMessages(MAIL, Clock.systemUTC(), dkim);
        return messages.render(new Email("reader@example.com", "Ré Ader", "Cette semaine : sommeil",
                Body.of("Hello,\n.\nA line with trailing spaces   \n\n\n"), Body.of("<p>Hello, ré</p>"), "<m1@news.example>", headers));
    }

    private static Map<String, String> digestHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", "Tidings daily digest <daily.digest.news.example>");
        headers.put("List-Unsubscribe", "<https://news.example/unsubscribe?token=" + "t".repeat(90) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Feedback-ID", "edition-7:digest:tidings");
        return headers;
    }

    private static String header(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    @Test
    void a_pkcs8_key_signs_rsa_sha256_relaxed_over_the_headers_that_matter_and_dkimpy_verifies_it() throws Exception {
        Dkim.Key key = Dkim.rsaKey(keys, 2048, false);

        byte[] message = signed(key.pem(), digestHeaders());

        Dkim.Verdict verdict = Dkim.verify(message, key.publicKey());
        assertThat(verdict.pass()).as(verdict.log()).isTrue();
        String signature = header(message).replace("\r\n", "").replaceAll("\\s+", " ");
        assertThat(signature).startsWith("DKIM-Signature: ").contains("v=1;", "a=rsa-sha256", "c=relaxed/relaxed",
                "d=news.example", "s=tidings2026",
                "h=From:From:To:To:Subject:Subject:Date:Date:Message-ID:Message-ID:List-Id:List-Id:"
                        + "List-Unsubscribe:List-Unsubscribe:List-Unsubscribe-Post:List-Unsubscribe-Post:"
                        + "Feedback-ID:Feedback-ID:MIME-Version:MIME-Version:Content-Type:Content-Type;");
        assertThat(header(message).lines()).allMatch(line -> line.length() <= 998);
    }

    @Test
    void a_pkcs1_key_signs_too_and_headers_a_message_lacks_are_not_listed() throws Exception {
        Dkim.Key key = Dkim.rsaKey(keys, 2048, true);
        assertThat(Files.readString(key.pem())).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        byte[] message = signed(key.pem(), Map.of("Auto-Submitted", "auto-generated"));

        Dkim.Verdict verdict = Dkim.verify(message, key.publicKey());
        assertThat(verdict.pass()).as(verdict.log()).isTrue();
        assertThat(header(message).replace("\r\n", "")).contains("Auto-Submitted:Auto-Submitted")
                .doesNotContain("List-", "Feedback-ID");
    }

    @Test
    void a_changed_body_an_added_from_or_the_wrong_key_fails_verification() throws Exception {
        Dkim.Key key = Dkim.rsaKey(keys, 2048, false);
        String message = new String(signed(key.pem(), digestHeaders()), StandardCharsets.UTF_8);
        assertThat(Dkim.verify(message.getBytes(StandardCharsets.UTF_8), key.publicKey()).pass()).isTrue();

        String changedBody = message.replace("A line with", "A line without");
        String secondFrom = message.replaceFirst("\r\nFrom: ", "\r\nFrom: Someone <evil@attacker.example>\r\nFrom: ");
        String secondUnsubscribe = message.replaceFirst("\r\nList-Unsubscribe: ",
                "\r\nList-Unsubscribe: <https://attacker.example/u>\r\nList-Unsubscribe: ");

        for (String altered : List.of(changedBody, secondFrom, secondUnsubscribe)) {
            assertThat(altered).isNotEqualTo(message);
            assertThat(Dkim.verify(altered.getBytes(StandardCharsets.UTF_8), key.publicKey()).pass()).isFalse();
        }
        String otherKey = Dkim.rsaKey(Files.createTempDirectory(keys, "other"), 2048, false).publicKey();
        assertThat(Dkim.verify(message.getBytes(StandardCharsets.UTF_8), otherKey).pass()).isFalse();
    }

    @Test
    void an_ed25519_key_signs_ed25519_sha256_its_dns_record_is_the_bare_public_key_and_dkimpy_verifies_it() throws Exception {
        Dkim.Key key = Dkim.ed25519Key(Files.createTempDirectory(keys, "ed"));

        byte[] message = signed(key.pem(), digestHeaders());

        Map<String, String> published = Map.of("tidings2026", key.record());
        Dkim.Verdict verdict = Dkim.verify(message, 0, published);
        assertThat(verdict.pass()).as(verdict.log()).isTrue();
        assertThat(header(message).replace("\r\n", "").replaceAll("\\s+", " ")).contains("a=ed25519-sha256", "c=relaxed/relaxed",
                "d=news.example", "s=tidings2026", "h=From:From:To:To:Subject:Subject:");
        // The record the start logs for the operator to publish is the one OpenSSL's public key gives.
        assertThat(DkimKey.read(key.pem(), null).dnsRecord()).isEqualTo(key.record());
        String changedBody = new String(message, StandardCharsets.UTF_8).replace("A line with", "A line without");
        assertThat(Dkim.verify(changedBody.getBytes(StandardCharsets.UTF_8), 0, published).pass()).isFalse();
        String otherKey = Dkim.ed25519Key(Files.createTempDirectory(keys, "other-ed")).record();
        assertThat(Dkim.verify(message, 0, Map.of("tidings2026", otherKey)).pass()).isFalse();
    }

    @Test
    void messages_signed_one_after_another_by_one_thread_each_verify_whatever_headers_the_one_before_had() throws Exception {
        Dkim.Key rsa = Dkim.rsaKey(Files.createTempDirectory(keys, "seq"), 2048, false);
        Dkim.Key ed = Dkim.ed25519Key(Files.createTempDirectory(keys, "seq-ed"));
        DkimSigning dkim = new DkimSigning(new DkimConfig("news.example", "rsa2026,ed2026", rsa.pem() + "," + ed.pem()), MAIL);
        MimeMessages messages = new MimeMessages(MAIL, Clock.systemUTC(), dkim);
        Map<String, String> published = Map.of("rsa2026", rsa.record(), "ed2026", ed.record());

        // A digest, a confirmation (other header fields), then digests again: what a worker's thread keeps
        // between messages (the signature record, the canonical form of each field the same as in the
        // message before, as From and List-Id are here) must not carry the one before into the next
        // signature, where a field at the same place changed (To, Subject, List-Unsubscribe) or not.
        Map<String, String> otherReader = new LinkedHashMap<>(digestHeaders());
        otherReader.put("List-Unsubscribe", "<https://news.example/unsubscribe?token=" + "u".repeat(90) + ">");
        List<Map<String, String>> headers = List.of(digestHeaders(), Map.of("Auto-Submitted", "auto-generated"),
                digestHeaders(), digestHeaders(), otherReader);
        for (int i = 0; i < headers.size(); i++) {
            byte[] message = messages.render(new Email("reader" + i + "@example.com", "Reader " + i, "Issue " + i,
                    Body.of("Text " + i + "\n"), Body.of("<p>Html " + i + "</p>"), "<m" + i + "@news.example>", headers.get(i)));
            for (int index : new int[]{0, 1}) {
                Dkim.Verdict verdict = Dkim.verify(message, index, published);
                assertThat(verdict.pass()).as("message " + i + ", signature " + index + ": " + verdict.log()).isTrue();
            }
        }
    }

    @Test
    void two_selectors_and_keys_sign_twice_rsa_and_ed25519_and_dkimpy_verifies_each() throws Exception {
        Dkim.Key rsa = Dkim.rsaKey(Files.createTempDirectory(keys, "dual"), 2048, false);
        Dkim.Key ed = Dkim.ed25519Key(Files.createTempDirectory(keys, "dual-ed"));

        byte[] message = signed("rsa2026, ed2026", rsa.pem() + ", " + ed.pem(), digestHeaders());

        String[] signatures = header(message).replace("\r\n", "").replaceAll("\\s+", " ").split("DKIM-Signature: ");
        assertThat(signatures).hasSize(3);
        assertThat(signatures[1]).contains("a=rsa-sha256;", "s=rsa2026;", "d=news.example;", "c=relaxed/relaxed;");
        assertThat(signatures[2]).contains("a=ed25519-sha256;", "s=ed2026;", "d=news.example;", "c=relaxed/relaxed;");
        Map<String, String> published = Map.of("rsa2026", rsa.record(), "ed2026", ed.record());
        for (int index : new int[]{0, 1}) {
            Dkim.Verdict verdict = Dkim.verify(message, index, published);
            assertThat(verdict.pass()).as("signature " + index + ": " + verdict.log()).isTrue();
        }
        String secondFrom = new String(message, StandardCharsets.UTF_8)
                .replaceFirst("\r\nFrom: ", "\r\nFrom: Someone <evil@attacker.example>\r\nFrom: ");
        for (int index : new int[]{0, 1}) {
            assertThat(Dkim.verify(secondFrom.getBytes(StandardCharsets.UTF_8), index, published).pass()).as("signature " + index).isFalse();
        }
    }

    @Test
    void the_start_refuses_partial_settings_and_unfit_keys_naming_the_problem_and_never_the_key() throws Exception {
        Path rsa = Dkim.rsaKey(keys, 2048, false).pem();
        Path small = Dkim.rsaKey(keys, 512, false).pem();
        Path encrypted = keys.resolve("encrypted.pem");
        Dkim.openssl(List.of("pkey", "-in", rsa.toString(), "-aes256", "-passout", "pass:secret", "-out", encrypted.toString()));
        Path ec = keys.resolve("ec.pem");
        Dkim.openssl(List.of("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec.toString()));
        Path garbage = Files.writeString(keys.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n");
        String keyBody = Files.readString(rsa).lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        Map<DkimConfig, String> refused = new LinkedHashMap<>();
        refused.put(new DkimConfig("news.example", null, rsa.toString()), "unset: DKIM_SELECTOR");
        refused.put(new DkimConfig(null, "s1", null), "unset: DKIM_DOMAIN, DKIM_PRIVATE_KEY");
        refused.put(new DkimConfig("news.example\r\nBcc: x@y.z", "s1", rsa.toString()), "DKIM_DOMAIN is not a domain name");
        refused.put(new DkimConfig("news.example", "s1; h=from", rsa.toString()), "DKIM_SELECTOR is not a selector");
        refused.put(new DkimConfig("news.example", "s1", keys.resolve("absent.pem").toString()), "no such file");
        refused.put(new DkimConfig("news.example", "s1", small.toString()), "a 512-bit RSA key");
        refused.put(new DkimConfig("news.example", "s1", encrypted.toString()), "the key is encrypted");
        refused.put(new DkimConfig("news.example", "s1", ec.toString()), "holds an EC key");
        refused.put(new DkimConfig("news.example", "s1,s2", rsa.toString()), "given 2 selector(s) and 1 key(s)");
        refused.put(new DkimConfig("news.example", "s1,s1", rsa + "," + rsa), "each selector once");
        refused.put(new DkimConfig("news.example", "s1,s2,s3", rsa + "," + rsa + "," + rsa), "one or two");
        refused.put(new DkimConfig("news.example", "s1,", rsa + "," + rsa), "DKIM_SELECTOR is not a selector");
        refused.put(new DkimConfig("news.example", "s1", garbage.toString()), "cannot be read as a PEM private key");
        refused.put(new DkimConfig("news.example", "s1", keys.toString()), "cannot be read as a PEM private key");
        refused.forEach((config, why) -> assertThatThrownBy(() -> new DkimSigning(config, MAIL))
                .as(why)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain(keyBody, "secret")));
        assertThat(new DkimSigning(new DkimConfig(" ", "", null), MAIL).on()).as("all unset: off").isFalse();
    }
}
