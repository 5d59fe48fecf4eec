package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a subscribe request can be wrong: a clear 4xx problem, no row, no email, never a 500. */
@MicronautTest(transactional = false)
class BadInputTest extends ServiceTest {

    private static final String JSON = "application/json";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("malformed JSON", JSON, "{\"email\":", 400, "JSON"),
                arguments("a JSON array", JSON, "[]", 400, ""),
                arguments("a JSON string", JSON, "\"ann@example.com\"", 400, ""),
                arguments("an empty body", JSON, "", 400, ""),
                arguments("plain text", "text/plain", "ann@example.com", 415, "Content Type"),
                arguments("a form sent to the JSON API", "application/x-www-form-urlencoded", "email=a%40example.com", 415, "Content Type"),
                arguments("consent of the wrong type", JSON, body("\"ann@example.com\"", "\"topics\":[], \"consent\":{\"yes\":1}"), 400, ""),
                arguments("topics that are not a list", JSON, body("\"ann@example.com\"", "\"topics\":{\"a\":1}, \"consent\":true"), 400, ""),
                arguments("a 3 MB body", JSON, body("\"" + "a".repeat(3_000_000) + "@example.com\"", "\"consent\":true"), 413, ""),
                arguments("a 1 MB address", JSON, body("\"" + "a".repeat(1_000_000) + "@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("CR/LF in the address", JSON, body("\"ann@example.com\\r\\nBcc: all@example.com\"", "\"consent\":true"), 422, "line breaks"),
                arguments("LF in the name", JSON, body("\"ann@example.com\"", "\"name\":\"Ann\\nBcc: all@example.com\", \"consent\":true"), 422, "name"),
                arguments("a NUL in the address", JSON, body("\"ann\\u0000@example.com\"", "\"consent\":true"), 422, "control"),
                arguments("a line separator in the name", JSON, body("\"ann@example.com\"", "\"name\":\"Ann\\u2028Bcc\", \"consent\":true"), 422, "name"),
                arguments("a 300-character address", JSON, body("\"" + "a".repeat(60) + "@" + "b".repeat(230) + ".com\"", "\"consent\":true"), 422, "254"),
                arguments("a 65-character local part", JSON, body("\"" + "a".repeat(65) + "@example.com\"", "\"consent\":true"), 422, "64"),
                arguments("a 101-character name", JSON, body("\"ann@example.com\"", "\"name\":\"" + "n".repeat(101) + "\", \"consent\":true"), 422, "100"),
                arguments("missing consent", JSON, "{\"email\":\"ann@example.com\"}", 422, "consent"),
                arguments("consent refused", JSON, body("\"ann@example.com\"", "\"consent\":false"), 422, "consent"),
                arguments("a missing address", JSON, "{\"consent\":true}", 422, "required"),
                arguments("an empty address", JSON, body("\"\"", "\"consent\":true"), 422, "required"),
                arguments("an unknown topic", JSON, body("\"ann@example.com\"", "\"topics\":[\"crypto\"], \"consent\":true"), 422, "topics"),
                arguments("too many topics", JSON, body("\"ann@example.com\"", "\"topics\":[" + "\"baby\",".repeat(30) + "\"baby\"], \"consent\":true"), 422, "topics"),
                arguments("an unknown frequency", JSON, body("\"ann@example.com\"", "\"frequency\":\"hourly\", \"consent\":true"), 422, "frequency"),
                arguments("SQL in the address", JSON, body("\"x'; DROP TABLE subscriber;--@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("HTML in the address", JSON, body("\"<script>alert(1)</script>@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("a display name", JSON, body("\"Evil <evil@example.com>\"", "\"consent\":true"), 422, "email"),
                arguments("two @ signs", JSON, body("\"ann@evil.example@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("a quoted local part", JSON, body("\"\\\"ann smith\\\"@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("a domain without a dot", JSON, body("\"ann@localhost\"", "\"consent\":true"), 422, "domain"),
                arguments("an IP literal", JSON, body("\"ann@[127.0.0.1]\"", "\"consent\":true"), 422, "domain"),
                arguments("a numeric top-level domain", JSON, body("\"ann@10.0.0.1\"", "\"consent\":true"), 422, "IP"),
                arguments("a trailing dot", JSON, body("\"ann@example.com.\"", "\"consent\":true"), 422, "domain"),
                arguments("a leading dot", JSON, body("\".ann@example.com\"", "\"consent\":true"), 422, "email"),
                arguments("a domain label starting with a hyphen", JSON, body("\"ann@-example.com\"", "\"consent\":true"), 422, "domain"));
    }

    private static String body(String email, String rest) {
        return "{\"email\":" + email + ", " + rest + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void is_refused_with_a_clear_problem(String description, String contentType, String body, int status,
                                         String mentions) {
        HttpResponse<String> response = http.post("/api/subscriptions", contentType, body);

        assertThat(response.statusCode()).as(description).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains(mentions);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @AfterAll
    void nothingWasStoredOrSent() {
        assertThat(sql.count("SELECT count(*) FROM subscriber")).isZero();
        assertThat(sql.count("SELECT count(*) FROM outbox")).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
