package io.tidings.edition;

import io.tidings.core.TestClock;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One email of each kind the service sends, caused the way readers and an operator cause them: the
 * double opt-in (left unconfirmed, so its link stays live), the address change, a reader's digest of
 * two imported pages (one dated, one not), the operator's test copy of that edition, an invitation to
 * become an operator and an operator's password reset.
 */
final class OneOfEachEmail {

    private OneOfEachEmail() {
    }

    /**
     * The emails by kind: "confirmation", "address change", "digest", "test copy", and the operators'
     * "invitation" and "password reset".
     *
     * @param admin    the headers that sign a request in as the operator
     * @param operator an operator's address, whose password reset is asked for
     * @param awaitTo waits for a number of messages to an address and gives them
     */
    static Map<String, MimeMessage> send(Http http, String[] admin, String operator, TestClock clock,
                                         BiFunction<String, Integer, List<MimeMessage>> awaitTo) {
        Map<String, MimeMessage> emails = new LinkedHashMap<>();
        subscribe(http, "pending@example.com");
        emails.put("confirmation", awaitTo.apply("pending@example.com", 1).get(0));

        subscribe(http, "reader@example.com");
        String token = Mails.queryToken(Mails.linkPath(awaitTo.apply("reader@example.com", 1).get(0), "/confirm?token="));
        String confirmed = http.postForm("/confirm", Map.of("token", token)).body();
        String manage = confirmed.replaceAll("(?s).*href=\"/unsubscribe\\?token=([^\"]+)\".*", "$1");
        http.postForm("/preferences?token=" + manage, Map.of("action", "change-address", "email", "moving@example.com"),
                "Accept", "text/html");
        emails.put("address change", awaitTo.apply("moving@example.com", 1).get(0));

        importPage(http, admin, "coffee-while-breastfeeding");
        importPage(http, admin, "tummy-time");
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", admin);
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);
        emails.put("digest", awaitTo.apply("reader@example.com", 2).get(1));
        Object id = Json.object(Json.object(edition.body()), "edition").get("id");
        http.postJson("/admin/editions/" + id + "/test", "{\"to\":\"editor@example.com\"}", admin);
        emails.put("test copy", awaitTo.apply("editor@example.com", 1).get(0));

        http.postJson("/admin/operators/invitations", "{\"email\":\"invitee@example.com\",\"role\":\"editor\"}", admin);
        emails.put("invitation", awaitTo.apply("invitee@example.com", 1).get(0));
        http.get("/admin/password-reset", "Accept", "text/html");
        http.postForm("/admin/password-reset", Map.of("email", operator), "Accept", "text/html");
        emails.put("password reset", awaitTo.apply(operator, 1).get(0));
        return emails;
    }

    private static void subscribe(Http http, String email) {
        http.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"name\":\"Pat\",\"frequency\":\"daily\",\"consent\":true}");
    }

    /** A scraped page imported as the operator would, without an address: it gets its own page on Tidings. */
    private static void importPage(Http http, String[] admin, String name) {
        try (InputStream in = OneOfEachEmail.class.getResourceAsStream("/pages/" + name + ".txt")) {
            HttpResponse<String> imported = http.post("/admin/articles/import", "text/plain; charset=utf-8",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), admin);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
