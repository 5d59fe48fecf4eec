package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SubscriberImportTest extends ServiceTest {

    private static final String HEADER = "email,name,topics,frequency,consent_source,consented_at\n";

    @BeforeEach
    void setUp() {
        sql.update("DELETE FROM subscriber");
    }

    private Map<String, Object> importCsv(String csv) {
        HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv", csv, asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.object(response.body());
    }

    @Test
    void good_rows_go_in_confirmed_with_their_consent_and_bad_rows_are_reported_by_line() {
        Map<String, Object> report = importCsv(HEADER
                + "ann@example.com,Ann,baby;pregnancy,daily,mailchimp signup form,2025-03-02T10:00:00Z\n"
                + "not-an-address,Bob,,weekly,listmonk,2025-01-01\n"
                + "\"Cy, Jr\"@example.com,Cy,,weekly,listmonk,2025-01-01\n"
                + "dee@example.com,\"Dee, the reader\",cooking,weekly,listmonk,2025-01-01\n"
                + "eve@example.com,Eve,,weekly,,2025-01-01\n"
                + "fay@example.com,Fay,,weekly,listmonk,2999-01-01\n"
                + "gus@example.com,Gus,,weekly\n"
                + "hal@example.com,,,,site form,2024-12-24\n");

        assertThat(report).containsEntry("imported", 2);
        assertThat(Json.list(report, "rejected")).extracting(r -> r.get("line")).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(Json.list(report, "rejected").get(3).get("reason")).asString().startsWith("consent_source:");
        assertThat(sql.text("SELECT status FROM subscriber WHERE email_key = 'ann@example.com'")).isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT frequency FROM subscriber WHERE email_key = 'hal@example.com'")).isEqualTo("WEEKLY");
        assertThat(sql.text("""
                SELECT c.evidence || '|' || c.kind || '|' || c.source FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id
                WHERE s.email_key = 'ann@example.com'""")).isEqualTo("mailchimp signup form|imported|IMPORT");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).isEqualTo(2);
    }

    @Test
    void known_readers_are_skipped_and_unsubscribed_or_erased_ones_refused() {
        importCsv(HEADER + "kim@example.com,Kim,,weekly,old tool,2025-01-01\nlee@example.com,,,weekly,old tool,2025-01-01\n");
        sql.update("UPDATE subscriber SET status = 'UNSUBSCRIBED' WHERE email_key = 'lee@example.com'");
        String id = sql.text("SELECT id FROM subscriber WHERE email_key = 'kim@example.com'");
        assertThat(http.send("DELETE", "/admin/subscribers/" + id, asAdmin()).statusCode()).isEqualTo(204);
        importCsv(HEADER + "max@example.com,,,weekly,old tool,2025-01-01\n");

        Map<String, Object> again = importCsv(HEADER + "max@example.com,,,weekly,old tool,2025-01-01\n"
                + "lee@example.com,,,weekly,old tool,2025-01-01\nKIM@example.com,,,weekly,old tool,2025-01-01\n");

        assertThat(again).containsEntry("imported", 0);
        assertThat(Json.list(again, "skipped")).extracting(r -> r.get("line")).containsExactly(2);
        assertThat(Json.list(again, "rejected")).extracting(r -> r.get("line")).containsExactly(3, 4);
        assertThat(Json.list(again, "rejected").get(1).get("reason")).asString().contains("erased");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'kim@example.com'")).isZero();
    }

    @Test
    void export_gives_back_a_file_that_imports_as_the_same_readers() {
        importCsv(HEADER + "ann@example.com,\"Ann \"\"Nan\"\" Lee\",baby;pregnancy,daily,\"form, page 2\",2025-03-02T10:00:00Z\n"
                + "bob@example.com,,,weekly,listmonk,2025-01-01\n");

        HttpResponse<String> export = http.get("/admin/subscribers/export", asAdmin());

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(export.body()).isEqualTo(HEADER.replace("\n", "\r\n")
                + "ann@example.com,\"Ann \"\"Nan\"\" Lee\",baby;pregnancy,daily,\"form, page 2\",2025-03-02T10:00:00Z\r\n"
                + "bob@example.com,,,weekly,listmonk,2025-01-01T00:00:00Z\r\n");
        sql.update("DELETE FROM subscriber");
        assertThat(importCsv(export.body())).containsEntry("imported", 2);
        assertThat(http.get("/admin/subscribers/export", asAdmin()).body()).isEqualTo(export.body());
    }

    @Test
    void a_byte_order_mark_as_excel_writes_it_is_dropped_and_the_file_imports() {
        byte[] csv = ("\uFEFF" + HEADER + "ann@example.com,Ann,,weekly,excel sheet,2025-01-01\r\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv", csv, asAdmin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.object(response.body())).containsEntry("imported", 1);
        assertThat(sql.text("SELECT name FROM subscriber WHERE email_key = 'ann@example.com'")).isEqualTo("Ann");
    }

    @Test
    void bytes_that_are_not_utf_8_are_refused_with_their_line_and_nothing_is_stored() {
        byte[] csv = (HEADER + "ann@example.com,Ann,,weekly,old tool,2025-01-01\n"
                + "max@example.com,Max Müller,,weekly,old tool,2025-01-01\n").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv", csv, asAdmin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("line 3").contains("UTF-8").contains("charset=");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).isZero();
    }

    @Test
    void a_charset_named_in_the_content_type_is_the_one_the_file_is_read_in() {
        byte[] csv = (HEADER + "max@example.com,Max Müller,,weekly,old tool,2025-01-01\n").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> latin1 = http.post("/admin/subscribers/import", "text/csv; charset=ISO-8859-1", csv, asAdmin());
        HttpResponse<String> unknown = http.post("/admin/subscribers/import", "text/csv; charset=no-such-charset", csv, asAdmin());

        assertThat(latin1.statusCode()).as(latin1.body()).isEqualTo(200);
        assertThat(sql.text("SELECT name FROM subscriber WHERE email_key = 'max@example.com'")).isEqualTo("Max Müller");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("no-such-charset");
    }

    @Test
    void a_file_without_the_header_or_with_an_open_quote_is_refused_whole() {
        for (String csv : List.of("", "email,name\nann@example.com,Ann\n", HEADER + "\"ann@example.com,Ann\n")) {
            HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv", csv, asAdmin());
            assertThat(response.statusCode()).as(csv).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(http.post("/admin/subscribers/import", "text/csv", HEADER).statusCode()).isEqualTo(401);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).isZero();
    }
}
