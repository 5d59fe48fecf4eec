package io.tidings.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.tidings.support.Http;
import io.tidings.support.RawHttp;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of requests, each a valid one broken on purpose (a bad escape, bytes that are not
 * UTF-8, a body cut short, a bad path parameter), to every route that changes something: each gets
 * a 4xx, nothing is written and no email goes out. The seed is fixed, so a failure repeats.
 */
@MicronautTest(transactional = false)
class RequestFuzzTest extends ServiceTest {

    private static final long SEED = 20261202L;
    private static final int CASES = 3000;
    private static final Set<HttpMethod> CHANGING = EnumSet.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BOUNDARY = "fuzz0boundary";
    /*
     * Each malformation below stays one whatever surrounds it, so random noise next to it cannot make
     * the request valid again: a continuation byte could complete a sequence the noise started; these cannot.
     */
    /** Bytes no UTF-8 text holds anywhere. */
    private static final byte[] NEVER_UTF8 = {(byte) 0xC0, (byte) 0xC1, (byte) 0xF5, (byte) 0xF8, (byte) 0xFE, (byte) 0xFF};
    /** A % not followed by two hexadecimal digits, whatever comes next. */
    private static final String[] BAD_ESCAPES = {"%zz", "%g0", "%z", "%%", "%-1", "%\u00e9"};
    /** Escaped bytes that are not UTF-8 whatever comes before or after. */
    private static final String[] ENCODED_NOT_UTF8 = {"%FF", "%C0%AF", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80", "%C1%BF"};

    @Inject
    Router router;

    /** How a route takes its input, and so how a request to it is broken. */
    enum Kind { FORM, ONE_CLICK, JSON, TEXT, PATH, QUERY }

    /** A request that would succeed (or at least be read), before it is broken. */
    record Target(String method, String path, Kind kind, String contentType, String body, boolean admin) {

        /** What the route answers with, so that content negotiation lets the request through to its body. */
        String accept() {
            return contentType.equals(FORM) ? "text/html" : "application/json";
        }
    }

    @Test
    void a_few_thousand_broken_requests_get_4xx_and_change_nothing() {
        RawHttp raw = new RawHttp(server.getURI());
        Http browser = new Http(server.getURI());
        String csrf = browser.csrfToken();
        String csrfCookie = browser.csrfCookieHeader();
        long reader = given.reader("reader@example.com", "Reader", "weekly", "CONFIRMED", "baby");
        String manage = manageTokens.tokenFor(sql.text("SELECT uid FROM subscriber WHERE id = ?", reader));
        Map<String, Target> targets = targets(csrf, manage, reader);
        assertThat(new TreeSet<>(targets.keySet())).as("every route that changes something has its case here")
                .isEqualTo(changingRoutes());
        Map<String, Long> rowsBefore = sql.rowCounts();
        List<Target> all = new ArrayList<>(targets.values());
        Random random = new Random(SEED);

        for (int i = 0; i < CASES; i++) {
            Target target = all.get(random.nextInt(all.size()));
            Broken broken = broken(target, random);
            String accept = random.nextBoolean() ? "*/*" : target.accept();
            RawHttp.Response response = raw.exchange(target.method(), broken.path(), broken.body(),
                    "Content-Type", broken.contentType(), "Accept", accept, "Cookie", csrfCookie,
                    "Authorization", target.admin() ? "Bearer " + ADMIN_TOKEN : null);

            assertThat(response.status()).as("case %d: %s %s (%s)%n%s%n%s", i, target.method(), broken.path(),
                    broken.how(), new String(broken.body(), StandardCharsets.ISO_8859_1), response.body())
                    .isBetween(400, 499);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        }

        assertThat(sql.rowCounts()).isEqualTo(rowsBefore);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private Set<String> changingRoutes() {
        return router.uriRoutes()
                .filter(route -> CHANGING.contains(route.getHttpMethod()))
                .map(route -> route.getHttpMethod() + " " + route.getUriMatchTemplate())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Target> targets(String csrf, String manage, long reader) {
        String today = "2026-12-02T08:00:00Z";
        Map<String, Target> targets = new TreeMap<>();
        add(targets, "POST /subscribe", new Target("POST", "/subscribe", Kind.FORM, FORM,
                "csrf=" + csrf + "&email=new%40example.com&name=Ann+%C3%A9&topics=baby&topics=pregnancy&frequency=weekly&consent=on", false));
        add(targets, "POST /confirm", new Target("POST", "/confirm", Kind.FORM, FORM,
                "csrf=" + csrf + "&token=" + manage, false));
        add(targets, "POST /unsubscribe", new Target("POST", "/unsubscribe?token=" + manage, Kind.ONE_CLICK, FORM,
                "List-Unsubscribe=One-Click&csrf=" + csrf, false));
        add(targets, "POST /preferences", new Target("POST", "/preferences?token=" + manage, Kind.FORM, FORM,
                "csrf=" + csrf + "&action=save&topics=fertility&frequency=daily", false));
        add(targets, "POST /api/subscriptions", new Target("POST", "/api/subscriptions", Kind.JSON, "application/json",
                "{\"email\":\"api@example.com\",\"name\":\"Ann \u00e9\",\"topics\":[\"baby\"],\"frequency\":\"weekly\",\"consent\":true}", false));
        // Micronaut's management endpoint: sensitive, so refused (401) before its body is read.
        add(targets, "POST /admin/sign-in", new Target("POST", "/admin/sign-in", Kind.FORM, FORM,
                "csrf=" + csrf + "&email=" + Http.encode(ADMIN_EMAIL) + "&password=" + Http.encode(ADMIN_PASSWORD), false));
        add(targets, "POST /admin/sign-out", new Target("POST", "/admin/sign-out", Kind.QUERY, FORM, "csrf=" + csrf, true));
        add(targets, "POST /admin/articles", new Target("POST", "/admin/articles", Kind.JSON, "application/json",
                "{\"url\":\"https://example.com/fuzz\",\"title\":\"Caf\u00e9 naps\",\"summary\":\"Short naps.\",\"publishedAt\":\"" + today + "\",\"topics\":[\"baby\"]}", true));
        add(targets, "POST /admin/articles/import", new Target("POST", "/admin/articles/import?url=https%3A%2F%2Fexample.com%2Fpage",
                Kind.TEXT, "text/plain; charset=UTF-8", "Caf\u00e9 naps for babies\n\nBy Dr. Jane Doe | Updated on Jan 4, 2024\n\nBabies nap often.\n", true));
        add(targets, "POST /admin/subscribers/import", new Target("POST", "/admin/subscribers/import", Kind.TEXT, "text/csv",
                "email,name,topics,frequency,consent_source,consented_at\nimported@example.com,Zo\u00eb,baby,weekly,fair,2026-01-01T00:00:00Z\n", true));
        add(targets, "POST /admin/subscribers/imports", new Target("POST", "/admin/subscribers/imports", Kind.TEXT, "text/csv",
                "email,name,topics,frequency,consent_source,consented_at\njob@example.com,Zo\u00eb,baby,weekly,fair,2026-01-01T00:00:00Z\n", true));
        add(targets, "POST /admin/feeds/{name}/poll", new Target("POST", "/admin/feeds/{fuzz}/poll", Kind.PATH, "application/json", "", true));
        add(targets, "POST /admin/editions", new Target("POST", "/admin/editions", Kind.JSON, "application/json",
                "{\"frequency\":\"weekly\"}", true));
        for (String action : List.of("pause", "resume", "cancel")) {
            add(targets, "POST /admin/editions/{id}/" + action, new Target("POST", "/admin/editions/{1}/" + action,
                    Kind.PATH, "application/json", "", true));
            add(targets, "POST /admin/dashboard/editions/{id}/" + action, new Target("POST",
                    "/admin/dashboard/editions/{1}/" + action, Kind.PATH, FORM, "", true));
        }
        add(targets, "POST /admin/editions/{id}/test", new Target("POST", "/admin/editions/1/test", Kind.JSON,
                "application/json", "{\"to\":\"test@example.com\"}", true));
        add(targets, "POST /admin/dashboard/editions", new Target("POST", "/admin/dashboard/editions", Kind.FORM, FORM,
                "frequency=weekly", true));
        add(targets, "POST /admin/dashboard/editions/{id}/test", new Target("POST", "/admin/dashboard/editions/1/test",
                Kind.FORM, FORM, "to=test%40example.com", true));
        add(targets, "POST /admin/bounces/restore", new Target("POST", "/admin/bounces/restore", Kind.JSON,
                "application/json", "{\"type\":\"hard\",\"status\":\"5.1.1\",\"since\":\"" + today + "\"}", true));
        add(targets, "POST /admin/dashboard/bounces/restore", new Target("POST", "/admin/dashboard/bounces/restore",
                Kind.FORM, FORM, "type=hard&status=5.1.1&confirm=yes", true));
        // Provider webhooks: each is refused (404) until configured, before its body is believed.
        for (String provider : List.of("ses", "postmark", "sendgrid", "mailgun")) {
            add(targets, "POST /webhooks/" + provider, new Target("POST", "/webhooks/" + provider, Kind.JSON,
                    "application/json", "{\"Type\":\"Notification\",\"event\":\"bounce\",\"email\":\"reader@example.com\"}", false));
        }
        add(targets, "POST /admin/sign-out-everywhere", new Target("POST", "/admin/sign-out-everywhere", Kind.QUERY, FORM,
                "csrf=" + csrf, true));
        add(targets, "POST /admin/setup", new Target("POST", "/admin/setup", Kind.FORM, FORM,
                "csrf=" + csrf + "&token=unknown&email=new%40example.com&name=Ann+%C3%A9&password=a-long-enough-password", false));
        add(targets, "POST /admin/api-keys", new Target("POST", "/admin/api-keys", Kind.JSON, "application/json",
                "{\"name\":\"Caf\u00e9 script\",\"scopes\":[\"articles:read\"]}", true));
        add(targets, "DELETE /admin/api-keys/{id}", new Target("DELETE", "/admin/api-keys/{1}", Kind.PATH,
                "application/json", "", true));
        add(targets, "POST /admin/operators/invitations", new Target("POST", "/admin/operators/invitations", Kind.JSON,
                "application/json", "{\"email\":\"new-operator@example.com\",\"role\":\"editor\"}", true));
        add(targets, "PUT /admin/operators/{id}", new Target("PUT", "/admin/operators/999", Kind.JSON,
                "application/json", "{\"role\":\"viewer\",\"mayReadAddresses\":true}", true));
        add(targets, "DELETE /admin/operators/{id}", new Target("DELETE", "/admin/operators/{999}", Kind.PATH,
                "application/json", "", true));
        add(targets, "POST /admin/dashboard/operators/invite", new Target("POST", "/admin/dashboard/operators/invite",
                Kind.FORM, FORM, "email=new-operator%40example.com&role=editor", true));
        add(targets, "POST /admin/dashboard/operators/{id}/remove", new Target("POST",
                "/admin/dashboard/operators/{999}/remove", Kind.PATH, FORM, "", true));
        add(targets, "POST /admin/dashboard/operators/{id}/role", new Target("POST",
                "/admin/dashboard/operators/{999}/role", Kind.PATH, FORM, "role=viewer&mayReadAddresses=on", true));
        add(targets, "POST /admin/dashboard/operators/keys", new Target("POST", "/admin/dashboard/operators/keys",
                Kind.FORM, FORM, "name=Caf%C3%A9+script&scopes=articles%3Aread", true));
        add(targets, "POST /admin/dashboard/operators/keys/{id}/revoke", new Target("POST",
                "/admin/dashboard/operators/keys/{1}/revoke", Kind.PATH, FORM, "", true));
        add(targets, "POST /admin/invitation", new Target("POST", "/admin/invitation", Kind.FORM, FORM,
                "csrf=" + csrf + "&token=unknown&name=Ann+%C3%A9&password=a-long-enough-password", false));
        add(targets, "POST /admin/password-reset", new Target("POST", "/admin/password-reset", Kind.FORM, FORM,
                "csrf=" + csrf + "&email=nobody%40example.com", false));
        add(targets, "POST /admin/password-reset/new", new Target("POST", "/admin/password-reset/new", Kind.FORM, FORM,
                "csrf=" + csrf + "&token=unknown&password=a-long-enough-password", false));
        // The console's readers, articles and feeds.
        add(targets, "POST /admin/dashboard/readers/{id}/resend", new Target("POST", "/admin/dashboard/readers/{" + reader + "}/resend",
                Kind.PATH, FORM, "", true));
        add(targets, "POST /admin/dashboard/readers/{id}/erase", new Target("POST", "/admin/dashboard/readers/" + reader + "/erase",
                Kind.FORM, FORM, "confirm=yes", true));
        add(targets, "POST /admin/dashboard/articles/{id}", new Target("POST", "/admin/dashboard/articles/1", Kind.FORM, FORM,
                "title=Caf%C3%A9+naps&summary=Short+naps.", true));
        add(targets, "POST /admin/dashboard/articles/{id}/digests", new Target("POST", "/admin/dashboard/articles/1/digests",
                Kind.FORM, FORM, "leftOut=yes", true));
        add(targets, "POST /admin/dashboard/feeds", new Target("POST", "/admin/dashboard/feeds", Kind.FORM, FORM,
                "name=fuzz&url=https%3A%2F%2Fexample.com%2Ffeed.xml&topics=baby&pollInterval=30m", true));
        add(targets, "POST /admin/dashboard/feeds/{name}", new Target("POST", "/admin/dashboard/feeds/fuzz", Kind.FORM, FORM,
                "url=https%3A%2F%2Fexample.com%2Fcaf%C3%A9.xml&topics=baby", true));
        add(targets, "POST /admin/dashboard/feeds/{name}/remove", new Target("POST", "/admin/dashboard/feeds/{fuzz}/remove",
                Kind.PATH, FORM, "", true));
        add(targets, "POST /admin/dashboard/feeds/{name}/poll", new Target("POST", "/admin/dashboard/feeds/{fuzz}/poll",
                Kind.PATH, FORM, "", true));
        add(targets, "DELETE /admin/subscribers/{id}", new Target("DELETE", "/admin/subscribers/{" + reader + "}",
                Kind.PATH, "application/json", "", true));
        return targets;
    }

    private static void add(Map<String, Target> targets, String route, Target target) {
        targets.put(route, target);
    }

    /** The request as sent, and what was broken in it. */
    record Broken(String path, String contentType, byte[] body, String how) {

        Broken(Target target, byte[] body, String how) {
            this(target.path(), target.contentType(), body, how);
        }
    }

    /** Breaks a valid request in one way that no valid request has; random noise first, where noise cannot undo it. */
    private static Broken broken(Target target, Random random) {
        byte[] body = target.body().getBytes(StandardCharsets.UTF_8);
        return switch (target.kind()) {
            case FORM -> form(target, noise(body, random), random);
            case ONE_CLICK -> random.nextBoolean() ? form(target, noise(body, random), random) : multipartCut(target, random);
            case JSON -> json(target, body, random);
            case TEXT -> {
                byte[] noisy = noise(body, random);
                yield new Broken(target, insert(noisy, random.nextInt(noisy.length + 1), neverUtf8(random)),
                        "a byte that is not UTF-8");
            }
            case PATH -> {
                String path = target.path();
                int open = path.indexOf('{');
                int close = path.indexOf('}');
                String value = path.substring(open + 1, close);
                String bad = random.nextBoolean() ? pick(BAD_ESCAPES, random) : pick(ENCODED_NOT_UTF8, random);
                int at = random.nextInt(value.length() + 1);
                yield new Broken(path.substring(0, open) + value.substring(0, at) + bad + value.substring(at)
                        + path.substring(close + 1), target.contentType(), noise(body, random), "a bad path parameter");
            }
            case QUERY -> new Broken(target.path() + "?x=" + pick(BAD_ESCAPES, random), target.contentType(),
                    noise(body, random), "a bad escape in the query");
        };
    }

    private static Broken form(Target target, byte[] body, Random random) {
        int at = random.nextInt(body.length + 1);
        return switch (random.nextInt(4)) {
            case 0 -> new Broken(target, insert(body, at, ascii(pick(BAD_ESCAPES, random))), "a bad escape");
            case 1 -> new Broken(target, insert(body, at, ascii(pick(ENCODED_NOT_UTF8, random))), "an escape that is not UTF-8");
            case 2 -> new Broken(target, insert(body, at, neverUtf8(random)), "a raw byte that is not UTF-8");
            default -> {
                int escape = new String(body, StandardCharsets.ISO_8859_1).lastIndexOf('%');
                yield escape < 0
                        ? new Broken(target, insert(body, body.length, ascii("%")), "a body that ends in %")
                        : new Broken(target, Arrays.copyOf(body, Math.min(body.length, escape + 1 + random.nextInt(2))),
                                "a body cut inside an escape");
            }
        };
    }

    /** The one-click form as multipart (as some mail clients send it), cut before its closing boundary. */
    private static Broken multipartCut(Target target, Random random) {
        StringBuilder multipart = new StringBuilder();
        for (String field : target.body().split("&")) {
            int equals = field.indexOf('=');
            multipart.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(field, 0, equals).append("\"\r\n\r\n").append(field.substring(equals + 1)).append("\r\n");
        }
        String closing = "--" + BOUNDARY + "--\r\n";
        byte[] whole = ascii(multipart.append(closing).toString());
        return new Broken(target.path(), "multipart/form-data; boundary=" + BOUNDARY,
                Arrays.copyOf(whole, random.nextInt(whole.length - closing.length() + 1)), "a multipart body cut short");
    }

    /** No noise: cutting a noisy document could leave a shorter valid one. */
    private static Broken json(Target target, byte[] body, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new Broken(target, Arrays.copyOf(body, random.nextInt(body.length)), "JSON cut short");
            // Before the closing brace, so the parser meets it before the document ends.
            case 1 -> new Broken(target, insert(body, 1 + random.nextInt(body.length - 1), neverUtf8(random)),
                    "a byte that is not UTF-8");
            default -> new Broken(target, ascii("{\"x\":" + "[".repeat(1 + random.nextInt(5000))), "nesting never closed");
        };
    }

    /** Up to three random bytes changed, inserted or removed. */
    private static byte[] noise(byte[] body, Random random) {
        byte[] noisy = body;
        for (int n = random.nextInt(4); n > 0 && noisy.length > 0; n--) {
            int at = random.nextInt(noisy.length);
            switch (random.nextInt(3)) {
                case 0 -> noisy[at] = (byte) random.nextInt(256);
                case 1 -> noisy = insert(noisy, at, new byte[]{(byte) random.nextInt(256)});
                default -> {
                    ByteArrayOutputStream shorter = new ByteArrayOutputStream();
                    shorter.write(noisy, 0, at);
                    shorter.write(noisy, at + 1, noisy.length - at - 1);
                    noisy = shorter.toByteArray();
                }
            }
        }
        return noisy;
    }

    private static byte[] neverUtf8(Random random) {
        return new byte[]{NEVER_UTF8[random.nextInt(NEVER_UTF8.length)]};
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(body, 0, at);
        all.writeBytes(inserted);
        all.write(body, at, body.length - at);
        return all.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String pick(String[] choices, Random random) {
        return choices[random.nextInt(choices.length)];
    }
}
