package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OperatorSignInTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html"};
    private static final String PASSWORD = "a-password-long-enough";

    @Inject
    Operators operators;
    @Inject
    AdminSessions sessions;

    @Override
    protected Map<String, String> extraProperties() {
        // Clients of their own, through a trusted local proxy.
        return Map.of("tidings.subscription.trusted-proxies", "127.0.0.1");
    }

    @Test
    void the_first_owner_comes_from_admin_email_and_password_with_an_argon2id_hash() {
        assertThat(sql.text("SELECT role FROM operator WHERE email = ?", ADMIN_EMAIL)).isEqualTo("OWNER");
        assertThat(sql.text("SELECT password_hash FROM operator WHERE email = ?", ADMIN_EMAIL))
                .startsWith("$argon2id$").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void thirty_wrong_sign_ins_from_many_clients_lock_the_account_and_no_other() {
        operators.create("locked@tidings.test", "Lou", Rights.Role.EDITOR, PASSWORD);
        operators.create("other@tidings.test", "Otto", Rights.Role.EDITOR, PASSWORD);
        Http browser = new Http(server.getURI());
        browser.get("/admin/sign-in", PAGE);
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpResponse<String> wrong = browser.postForm("/admin/sign-in",
                    Map.of("email", "locked@tidings.test", "password", "guess-" + attempt),
                    "X-Forwarded-For", "198.51.100." + (attempt / 5 + 1));
            assertThat(wrong.statusCode()).as("wrong sign-in %d", attempt).isEqualTo(401);
        }

        HttpResponse<String> locked = browser.postForm("/admin/sign-in",
                Map.of("email", "LOCKED@tidings.test", "password", PASSWORD), "X-Forwarded-For", "198.51.100.99");
        assertThat(locked.statusCode()).as("the right password, from a fresh client").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(browser.postForm("/admin/sign-in", Map.of("email", "other@tidings.test", "password", PASSWORD),
                "X-Forwarded-For", "198.51.100.99").statusCode()).as("another account").isEqualTo(303);
    }

    @Test
    void an_unknown_address_and_a_wrong_password_get_the_same_answer() {
        Http browser = new Http(server.getURI());
        browser.get("/admin/sign-in", PAGE);
        HttpResponse<String> unknown = browser.postForm("/admin/sign-in",
                Map.of("email", "nobody@tidings.test", "password", PASSWORD), PAGE);
        HttpResponse<String> wrong = browser.postForm("/admin/sign-in",
                Map.of("email", ADMIN_EMAIL, "password", PASSWORD), PAGE);

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body().replace("nobody@tidings.test", ADMIN_EMAIL)).isEqualTo(wrong.body());
        assertThat(wrong.body()).doesNotContain(PASSWORD);
    }

    @Test
    void signing_out_everywhere_ends_every_session_of_that_operator_only() {
        Operator editor = operators.create("everywhere@tidings.test", "Eve", Rights.Role.EDITOR, PASSWORD);
        String[] laptop = OperatorSessions.headers(sessions, sql, editor.id());
        String[] phone = OperatorSessions.headers(sessions, sql, editor.id());
        String[] owner = OperatorSessions.headers(sessions, sql, operators.authenticate(ADMIN_EMAIL, ADMIN_PASSWORD).orElseThrow().id());
        assertThat(http.get("/admin/stats", phone).statusCode()).isEqualTo(200);

        HttpResponse<String> out = http.post("/admin/sign-out-everywhere", "application/x-www-form-urlencoded", "", laptop);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/admin/sign-in?signed-out=true");

        assertThat(http.get("/admin/stats", phone).statusCode()).as("the other browser").isEqualTo(401);
        assertThat(http.get("/admin/stats", laptop).statusCode()).isEqualTo(401);
        assertThat(http.get("/admin/stats", owner).statusCode()).as("another operator").isEqualTo(200);
    }

    @Test
    void a_disabled_operator_is_signed_in_nowhere() {
        Operator viewer = operators.create("gone@tidings.test", "Gus", Rights.Role.VIEWER, PASSWORD);
        String[] session = OperatorSessions.headers(sessions, sql, viewer.id());
        assertThat(http.get("/admin/stats", session).statusCode()).isEqualTo(200);

        sql.update("UPDATE operator SET disabled_at = CURRENT_TIMESTAMP WHERE id = ?", viewer.id());

        assertThat(http.get("/admin/stats", session).statusCode()).isEqualTo(401);
        assertThat(operators.authenticate("gone@tidings.test", PASSWORD)).isEmpty();
    }

    @Test
    void a_viewer_sees_readers_addresses_only_once_an_owner_allows_it_and_nobody_changes_their_own_role() {
        Operator viewer = operators.create("watcher@tidings.test", "Wat", Rights.Role.VIEWER, PASSWORD);
        given.reader("bounced-reader@example.com", "Bo", "weekly", "BOUNCED");
        sql.update("UPDATE subscriber SET hard_bounces = 1, last_bounce_at = CURRENT_TIMESTAMP WHERE email = ?",
                "bounced-reader@example.com");
        String[] session = OperatorSessions.headers(sessions, sql, viewer.id());
        assertThat(http.get("/admin/subscribers", session).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/stats", session).body()).doesNotContain("bounced-reader@example.com");
        assertThat(http.get("/admin/", session[0], session[1], session[2], session[3], "Accept", "text/html").body())
                .contains("not shown to your role").doesNotContain("bounced-reader@example.com");
        assertThat(http.get("/admin/stats", asAdmin()).body()).contains("bounced-reader@example.com");

        HttpResponse<String> allowed = http.putJson("/admin/operators/" + viewer.id(),
                "{\"role\":\"viewer\",\"mayReadAddresses\":true}", asAdmin());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"mayReadAddresses\":true");
        assertThat(http.get("/admin/subscribers", session).statusCode()).as("at the next request").isEqualTo(200);
        assertThat(http.get("/admin/subscribers/export", session).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/subscribers/1", session).statusCode()).as("still reads only").isEqualTo(403);

        Operator owner = operators.authenticate(ADMIN_EMAIL, ADMIN_PASSWORD).orElseThrow();
        assertThat(http.putJson("/admin/operators/" + owner.id(), "{\"role\":\"viewer\"}",
                OperatorSessions.headers(sessions, sql, owner.id())).statusCode()).isEqualTo(409);
    }
}
