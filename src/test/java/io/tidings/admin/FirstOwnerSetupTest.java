package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No ADMIN_EMAIL/ADMIN_PASSWORD and no operator: the first start makes a one-time set-up link. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstOwnerSetupTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html"};

    @Inject
    OperatorLinks links;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.admin-email", "", "tidings.admin-password", "");
    }

    @Test
    @Order(1) // before the other tests add links of their own
    void the_first_start_makes_one_set_up_link_and_no_operator() {
        assertThat(sql.count("SELECT COUNT(*) FROM operator")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM operator_link WHERE purpose = 'SETUP' AND used_at IS NULL")).isEqualTo(1);
    }

    @Test
    void a_set_up_link_creates_the_owner_signs_them_in_and_works_once() {
        String token = links.issue(OperatorLink.Purpose.SETUP);
        Http browser = new Http(server.getURI());
        assertThat(browser.get("/admin/setup?token=" + token, PAGE).body()).contains("Set up the first owner");

        HttpResponse<String> shortPassword = browser.postForm("/admin/setup",
                Map.of("token", token, "email", "first@tidings.test", "name", "Fay", "password", "short"), PAGE);
        assertThat(shortPassword.statusCode()).isEqualTo(422);
        assertThat(shortPassword.body()).contains("at least 12 characters");

        HttpResponse<String> done = browser.postForm("/admin/setup",
                Map.of("token", token, "email", "First@tidings.test", "name", "Fay", "password", "a-password-long-enough"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("tidings_admin="));
        assertThat(sql.text("SELECT role FROM operator WHERE email = 'first@tidings.test'")).isEqualTo("OWNER");

        HttpResponse<String> again = browser.postForm("/admin/setup",
                Map.of("token", token, "email", "second@tidings.test", "name", "Sam", "password", "a-password-long-enough"), PAGE);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(sql.count("SELECT COUNT(*) FROM operator WHERE email = 'second@tidings.test'")).isZero();
    }

    @Test
    void a_set_up_link_expires() {
        String token = links.issue(OperatorLink.Purpose.SETUP);
        clock.advance(Duration.ofHours(49));

        assertThat(new Http(server.getURI()).get("/admin/setup?token=" + token, PAGE).statusCode()).isEqualTo(404);
    }
}
