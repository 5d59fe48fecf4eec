package io.tidings.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.RawHttp;
import io.tidings.support.ServiceTest;
import io.tidings.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bodies no browser or API client sends: each is a clear 4xx, never a 500, and changes nothing. */
@MicronautTest(transactional = false)
class MalformedRequestTest extends ServiceTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data; boundary=XX";
    private static final String JSON = "application/json";
    private static final String CSRF = "{csrf}";
    private static final String BEARER = "Bearer " + ADMIN_TOKEN;
    private static final List<String> READER_FORMS = List.of("/subscribe", "/confirm", "/unsubscribe?token=x",
            "/preferences?token=x", "/admin/sign-in");
    private static final List<String> DASHBOARD_FORMS = List.of("/admin/dashboard/editions",
            "/admin/dashboard/editions/1/test");
    private static final Map<String, String> JSON_ROUTES = Map.of("/api/subscriptions", "consent",
            "/admin/articles", "url", "/admin/editions", "frequency", "/admin/editions/1/test", "to");
    private static final Map<String, String> TEXT_ROUTES = Map.of("/admin/articles/import", "text/plain",
            "/admin/subscribers/import", "text/csv");

    private RawHttp raw;
    private String csrf;
    private String csrfCookie;
    private Map<String, Long> rowsBefore;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("spec.name", "MalformedRequestTest");
    }

    /** A route that binds one form field the framework's way, through Netty's decoder. */
    @Controller("/field-binding")
    @Requires(property = "spec.name", value = "MalformedRequestTest")
    static class FieldBinding {
        @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
        String echo(@Body("email") String email) {
            return email;
        }
    }

    @BeforeAll
    void countRows() {
        raw = new RawHttp(server.getURI());
        Http browser = new Http(server.getURI());
        csrf = browser.csrfToken();
        csrfCookie = browser.csrfCookieHeader();
        rowsBefore = new Sql(dataSource).rowCounts();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/subscribe", "/confirm", "/unsubscribe?token=x", "/preferences?token=x", "/admin/sign-in"})
    void the_issue_s_bad_escape_is_a_400_problem_on_every_reader_form(String path) {
        RawHttp.Response response = raw.exchange("POST", path, bytes("email=%zz"), "Content-Type", FORM);

        assertClearRefusal(response, 400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("percent escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/subscribe", "/admin/sign-in", "/admin/dashboard/editions", "/admin/dashboard/editions/1/test"})
    void a_bad_escape_from_a_browser_gets_the_readable_error_page(String path) {
        RawHttp.Response response = raw.exchange("POST", path, bytes("frequency=%zz&to=%zz&email=%zz"),
                "Content-Type", FORM, "Accept", "text/html", "Authorization", BEARER);

        assertClearRefusal(response, 400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<h1").contains("percent escape");
    }

    @Test
    void a_form_field_bound_by_the_framework_with_a_bad_escape_is_a_400() {
        RawHttp.Response response = raw.exchange("POST", "/field-binding", bytes("email=%zz"), "Content-Type", FORM);

        assertClearRefusal(response, 400);
        assertThat(response.body()).contains("could not be decoded");
    }

    static Stream<Arguments> malformedBodies() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : concat(READER_FORMS, DASHBOARD_FORMS)) {
            cases.add(arguments(path, "a bad escape", FORM, bytes("csrf={csrf}&email=%zz"), 400));
            cases.add(arguments(path, "an escape cut short", FORM, bytes("csrf={csrf}&email=ann%4"), 400));
            cases.add(arguments(path, "a bad escape in a field name", FORM, bytes("csrf={csrf}&%zz=1"), 400));
            cases.add(arguments(path, "percent-encoded bad UTF-8", FORM, bytes("csrf={csrf}&email=%C3%28"), 400));
            cases.add(arguments(path, "a percent-encoded surrogate", FORM, bytes("csrf={csrf}&email=%ED%A0%80"), 400));
            cases.add(arguments(path, "an overlong encoding", FORM, bytes("csrf={csrf}&email=%C0%AF"), 400));
            cases.add(arguments(path, "a raw byte that is not UTF-8", FORM, concat(bytes("csrf={csrf}&email="), (byte) 0xFF), 400));
            cases.add(arguments(path, "a raw UTF-8 sequence cut short", FORM, concat(bytes("csrf={csrf}&email=ann"), (byte) 0xC3), 400));
            cases.add(arguments(path, "a repeated field", FORM, bytes("csrf={csrf}&csrf={csrf}&to=a&to=b&frequency=a&frequency=b"), 400));
            cases.add(arguments(path, "200 fields", FORM, bytes("csrf={csrf}" + "&a=1".repeat(200)), 400));
            cases.add(arguments(path, "a 2 MB field", FORM, bytes("csrf={csrf}&email=" + "a".repeat(2_000_000)), 413));
            cases.add(arguments(path, "JSON", JSON, bytes("{\"email\":\"ann@example.com\"}"), 415));
            // A form without fields, so the product's own checks refuse it: the CSRF token, then the fields. A test
            // copy's refusal shows on its edition's page, and there is no edition 1 here.
            cases.add(arguments(path, "an empty body", FORM, new byte[0],
                    READER_FORMS.contains(path) ? 403 : path.endsWith("/test") ? 404 : 422));
        }
        for (String path : READER_FORMS.subList(0, 4)) {
            cases.add(arguments(path, "multipart where only a form is taken", MULTIPART, multipart(), path.startsWith("/unsubscribe") ? 404 : 415));
        }
        String unsubscribe = "/unsubscribe?token=x";
        byte[] whole = multipart();
        cases.add(arguments(unsubscribe, "a multipart body cut short", MULTIPART, Arrays.copyOf(whole, whole.length - 8), 400));
        cases.add(arguments(unsubscribe, "a multipart body without parts", MULTIPART, bytes("--XX--\r\n"), 400));
        cases.add(arguments(unsubscribe, "a multipart part without a name", MULTIPART,
                bytes("--XX\r\nContent-Disposition: form-data\r\n\r\nOne-Click\r\n--XX--\r\n"), 400));
        cases.add(arguments(unsubscribe, "a multipart value that is not UTF-8", MULTIPART,
                concat(bytes("--XX\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne"), (byte) 0xFF,
                        (byte) '\r', (byte) '\n', (byte) '-', (byte) '-', (byte) 'X', (byte) 'X', (byte) '-', (byte) '-'), 400));
        cases.add(arguments(unsubscribe, "a multipart body without a boundary", "multipart/form-data", bytes("List-Unsubscribe=One-Click"), 400));
        cases.add(arguments(unsubscribe, "plain text", "text/plain", bytes("List-Unsubscribe=One-Click"), 415));
        JSON_ROUTES.forEach((path, field) -> {
            cases.add(arguments(path, "truncated JSON", JSON, bytes("{\"" + field + "\":\"ann@exa"), 400));
            cases.add(arguments(path, "a field of the wrong type", JSON, bytes("{\"" + field + "\":{\"a\":[1]}}"), 400));
            cases.add(arguments(path, "an array for an object", JSON, bytes("[\"" + field + "\"]"), 400));
            cases.add(arguments(path, "10,000 levels of nesting", JSON, bytes("{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"), 400));
            cases.add(arguments(path, "a raw byte that is not UTF-8", JSON, concat(bytes("{\"" + field + "\":\"a"), (byte) 0xFF, (byte) '"', (byte) '}'), 400));
            cases.add(arguments(path, "a raw byte that is not UTF-8 before a field name", JSON,
                    concat(bytes("{\""), concat(new byte[]{(byte) 0xFF}, bytes(field + "\":\"a\"}"))), 400));
            cases.add(arguments(path, "an empty body", JSON, new byte[0], 400));
            cases.add(arguments(path, "a form", FORM, bytes(field + "=a"), 415));
            cases.add(arguments(path, "a 2 MB body", JSON, bytes("{\"" + field + "\":\"" + "a".repeat(2_000_000) + "\"}"), 413));
        });
        TEXT_ROUTES.forEach((path, type) -> {
            cases.add(arguments(path, "a raw byte that is not UTF-8", type, concat(bytes("Title\n\nAnn"), (byte) 0xFF), 400));
            cases.add(arguments(path, "a UTF-8 sequence cut short", type, concat(bytes("Title\n\nAnn"), (byte) 0xE2, (byte) 0x82), 400));
            cases.add(arguments(path, "bytes that are not its declared charset", type + "; charset=US-ASCII", bytes("Title\n\nAnn é"), 400));
            cases.add(arguments(path, "an unknown charset", type + "; charset=klingon", bytes("Title\n\nAnn"), 400));
            cases.add(arguments(path, "JSON", JSON, bytes("{}"), 415));
            cases.add(arguments(path, "a 2 MB body", type, bytes("a".repeat(2_000_000)), 413));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedBodies")
    void a_malformed_body_is_a_clear_4xx(String path, String description, String contentType, byte[] body, int status) {
        byte[] withToken = new String(body, StandardCharsets.ISO_8859_1).replace(CSRF, csrf).getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Response response = raw.exchange("POST", path, withToken, "Content-Type", contentType,
                "Cookie", csrfCookie, "Authorization", path.startsWith("/admin/") && !path.equals("/admin/sign-in") ? BEARER : null);

        assertClearRefusal(response, status);
        // A refusal of the product's own (an empty form) comes back on the form's page.
        assertThat(response.contentType()).isIn("application/problem+json", "text/html");
    }

    @AfterAll
    void nothingWasWrittenOrSent() {
        assertThat(sql.rowCounts()).isEqualTo(rowsBefore);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static void assertClearRefusal(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.head() + "\n\n" + response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("\uFFFD");
    }

    private static byte[] multipart() {
        return bytes("--XX\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XX--\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] head, byte... tail) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head);
        all.writeBytes(tail);
        return all.toByteArray();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
