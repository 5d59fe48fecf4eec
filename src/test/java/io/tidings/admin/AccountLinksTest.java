package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invitations and password resets: a single-use, expiring link sent through the outbox. */
@MicronautTest(transactional = false)
class AccountLinksTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html"};
    private static final String PASSWORD = "a-password-long-enough";

    @Inject
    Operators operators;
    @Inject
    AdminSessions sessions;

    @Test
    void an_invitation_link_makes_an_operator_with_the_role_once() throws MessagingException {
        HttpResponse<String> invited = http.postJson("/admin/operators/invitations",
                "{\"email\":\"New.Editor@example.com\",\"role\":\"editor\"}", asAdmin());
        assertThat(invited.statusCode()).isEqualTo(202);
        MimeMessage mail = awaitMessagesTo("new.editor@example.com", 1).get(0);
        assertThat(mail.getSubject()).contains("invited");
        String link = Mails.linkPath(mail, "/admin/invitation");
        assertThat(Mails.part(mail, "text/html")).contains(link.replace("&", "&amp;"));

        Http browser = new Http(server.getURI());
        assertThat(browser.get(link, PAGE).body()).contains("Accept your invitation");
        HttpResponse<String> accepted = browser.postForm("/admin/invitation",
                Map.of("token", Mails.queryToken(link), "name", "Ned", "password", PASSWORD));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("tidings_admin="));
        assertThat(sql.text("SELECT role FROM operator WHERE email = 'new.editor@example.com'")).isEqualTo("EDITOR");

        Http other = new Http(server.getURI());
        other.get("/admin/sign-in", PAGE);
        HttpResponse<String> again = other.postForm("/admin/invitation",
                Map.of("token", Mails.queryToken(link), "name", "Mallory", "password", PASSWORD), PAGE);
        assertThat(again.statusCode()).as("the link works once").isEqualTo(404);
        assertThat(sql.count("SELECT COUNT(*) FROM operator WHERE name = 'Mallory'")).isZero();
    }

    @Test
    void an_invitation_expires_and_an_operator_cannot_be_invited_twice() {
        operators.create("taken@example.com", "Tak", Rights.Role.VIEWER, PASSWORD);
        HttpResponse<String> taken = http.postJson("/admin/operators/invitations",
                "{\"email\":\"taken@example.com\",\"role\":\"viewer\"}", asAdmin());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(http.postJson("/admin/operators/invitations", "{\"email\":\"x@example.com\",\"role\":\"root\"}",
                asAdmin()).statusCode()).isEqualTo(422);

        http.postJson("/admin/operators/invitations", "{\"email\":\"late@example.com\",\"role\":\"viewer\"}", asAdmin());
        String link = Mails.linkPath(awaitMessagesTo("late@example.com", 1).get(0), "/admin/invitation");
        clock.advance(Duration.ofHours(49));
        assertThat(http.get(link, PAGE).statusCode()).isEqualTo(404);
    }

    @Test
    void a_password_reset_mails_only_operators_sets_the_password_once_and_ends_old_sessions() {
        Operator operator = operators.create("forgetful@example.com", "Fern", Rights.Role.EDITOR, PASSWORD);
        String[] oldSession = OperatorSessions.headers(sessions, sql, operator.id());
        Http browser = new Http(server.getURI());
        browser.get("/admin/password-reset", PAGE);

        HttpResponse<String> unknown = browser.postForm("/admin/password-reset", Map.of("email", "stranger@example.com"), PAGE);
        HttpResponse<String> known = browser.postForm("/admin/password-reset", Map.of("email", "Forgetful@example.com"), PAGE);
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(known.body());

        String link = Mails.linkPath(awaitMessagesTo("forgetful@example.com", 1).get(0), "/admin/password-reset/new");
        HttpResponse<String> reset = browser.postForm("/admin/password-reset/new",
                Map.of("token", Mails.queryToken(link), "password", "another-password-long-enough"));
        assertThat(reset.statusCode()).isEqualTo(303);
        assertThat(operators.authenticate("forgetful@example.com", "another-password-long-enough")).isPresent();
        assertThat(operators.authenticate("forgetful@example.com", PASSWORD)).isEmpty();
        assertThat(http.get("/admin/stats", oldSession).statusCode()).as("the session from before").isEqualTo(401);
        assertThat(browser.postForm("/admin/password-reset/new",
                Map.of("token", Mails.queryToken(link), "password", "a-third-password-long-enough"), PAGE).statusCode())
                .as("the link works once").isEqualTo(404);
        assertThat(messagesTo("stranger@example.com")).isEmpty();
    }

    @Test
    void removing_an_operator_signs_them_out_and_one_cannot_remove_oneself() {
        Operator editor = operators.create("leaving@example.com", "Lee", Rights.Role.EDITOR, PASSWORD);
        String[] session = OperatorSessions.headers(sessions, sql, editor.id());
        Operator owner = operators.authenticate(ADMIN_EMAIL, ADMIN_PASSWORD).orElseThrow();
        String[] ownerSession = OperatorSessions.headers(sessions, sql, owner.id());

        assertThat(http.send("DELETE", "/admin/operators/" + editor.id(), ownerSession).statusCode()).isEqualTo(204);
        assertThat(http.get("/admin/stats", session).statusCode()).isEqualTo(401);
        assertThat(operators.authenticate("leaving@example.com", PASSWORD)).isEmpty();
        assertThat(http.send("DELETE", "/admin/operators/" + owner.id(), ownerSession).statusCode()).isEqualTo(409);
        assertThat(http.get("/admin/operators", asAdmin()).body()).contains("leaving@example.com").contains("disabledAt")
                .doesNotContain("$argon2");
    }
}
