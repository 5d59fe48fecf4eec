package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Served behind https, the CSRF cookie takes the {@code __Host-} prefix, which browsers accept only
 * from this host itself, over https, for the whole site: a sibling subdomain cannot plant it.
 */
@MicronautTest(transactional = false)
class CsrfOverHttpsTest extends ServiceTest {

    private static final Pattern FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String FORM = "email=%s&consent=true&csrf=%s";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.site.public-base-url", "https://news.example.com");
    }

    @Test
    void the_cookie_is_host_prefixed_secure_and_for_the_whole_site_only() {
        String cookie = new Http(server.getURI()).get("/").headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(cookie).startsWith("__Host-tidings_csrf=").containsIgnoringCase("Secure")
                .contains("Path=/").doesNotContainIgnoringCase("Domain=").containsIgnoringCase("HttpOnly");
    }

    @Test
    void a_pair_from_the_attackers_own_visit_planted_without_the_prefix_is_refused() {
        HttpResponse<String> visit = new Http(server.getURI()).get("/");
        String cookieValue = cookieValue(visit.headers().firstValue("Set-Cookie").orElseThrow());
        Matcher field = FIELD.matcher(visit.body());
        assertThat(field.find()).isTrue();

        HttpResponse<String> tossed = new Http(server.getURI()).post("/subscribe", "application/x-www-form-urlencoded",
                FORM.formatted("tossed%40example.com", field.group(1)), "Cookie", "tidings_csrf=" + cookieValue);
        HttpResponse<String> ownBrowser = new Http(server.getURI()).post("/subscribe", "application/x-www-form-urlencoded",
                FORM.formatted("own%40example.com", field.group(1)), "Cookie", "__Host-tidings_csrf=" + cookieValue);

        assertThat(tossed.statusCode()).as("a cookie a subdomain could set").isEqualTo(403);
        assertThat(ownBrowser.statusCode()).as("the browser that loaded the page").isEqualTo(303);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'tossed@example.com'")).isZero();
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
