package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /admin/subscribers/imports: the upload as a job, its status, its rejected lines, and the streaming export. */
@MicronautTest(transactional = false)
class ImportJobTest extends ServiceTest {

    private static final String HEADER = "email,name,topics,frequency,consent_source,consented_at\n";
    private static final long MAX_SIZE = 64 * 1024;

    @TempDir
    static Path importDir;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.imports.dir", importDir.toString(),
                "tidings.imports.max-size", Long.toString(MAX_SIZE),
                "tidings.imports.batch-size", "3",
                "tidings.imports.check-interval", "200ms");
    }

    @BeforeEach
    void setUp() {
        sql.update("DELETE FROM subscriber_import");
        sql.update("DELETE FROM subscriber");
    }

    @Test
    void an_upload_answers_202_with_the_jobs_address_which_ends_done_with_counts_and_the_rejected_lines_as_csv() {
        HttpResponse<String> started = upload("text/csv", (HEADER
                + "ann@example.com,Ann,baby;pregnancy,daily,mailchimp form,2025-03-02T10:00:00Z\n"
                + "not-an-address,Bob,,weekly,listmonk,2025-01-01\n"
                + "cy@example.com,Cy,,weekly,listmonk,2025-01-01\n"
                + "dee@example.com,Dee,cooking,weekly,listmonk,2025-01-01\n"
                + "ann@example.com,Ann again,,weekly,listmonk,2025-01-01\n"
                + "eve@example.com,Eve,,weekly,listmonk,2999-01-01\n"
                + "fay@example.com,Fay,,weekly\n").getBytes(StandardCharsets.UTF_8));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/admin/subscribers/imports/\\d+");
        Map<String, Object> job = awaitEnd(location);
        assertThat(job).containsEntry("status", "done").containsEntry("processed", 7).containsEntry("imported", 2)
                .containsEntry("skipped", 1).containsEntry("rejected", 4);
        HttpResponse<String> rejected = http.get((String) job.get("rejectedLines"), asAdmin());
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body().lines().toList()).hasSize(5).first().isEqualTo("line,email,reason");
        assertThat(rejected.body().lines().skip(1).map(line -> line.split(",")[0] + "," + line.split(",")[1]).toList())
                .containsExactly("3,not-an-address", "5,dee@example.com", "7,eve@example.com", "8,fay@example.com");
        assertThat(rejected.body()).contains("topics: must be chosen from").contains("consented_at: is in the future");
        assertThat(sql.text("""
                SELECT s.status || '|' || s.frequency || '|' || c.evidence || '|' || c.kind FROM subscriber s
                JOIN consent_event c ON c.subscriber_id = s.id WHERE s.email_key = 'ann@example.com'"""))
                .isEqualTo("CONFIRMED|DAILY|mailchimp form|imported");
        assertThat(sql.text("SELECT STRING_AGG(topic, ';' ORDER BY topic) FROM subscriber_topic")).isEqualTo("baby;pregnancy");
        assertThat(importDir).isEmptyDirectory();
        HttpResponse<String> page = http.get("/admin/dashboard/imports", asAdmin());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-import=\"" + job.get("id") + "\" data-status=\"done\"")
                .contains(location + "/rejected");
    }

    @Test
    void erasing_a_reader_drops_the_rejected_lines_naming_them_and_a_later_import_of_the_address_names_it_by_line_alone() {
        awaitEnd(location(upload("text/csv", (HEADER + "kim@example.com,Kim,,weekly,old tool,2025-01-01T00:00:00Z\n")
                .getBytes(StandardCharsets.UTF_8))));
        awaitEnd(location(upload("text/csv", (HEADER + "Kim@Example.com,Kim,cooking,weekly,old tool,2025-01-01T00:00:00Z\n")
                .getBytes(StandardCharsets.UTF_8))));
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import_rejection WHERE LOWER(email) = 'kim@example.com'")).isOne();

        long kim = sql.count("SELECT id FROM subscriber WHERE email_key = 'kim@example.com'");
        assertThat(http.send("DELETE", "/admin/subscribers/" + kim, asAdmin()).statusCode()).isEqualTo(204);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import_rejection WHERE LOWER(email) = 'kim@example.com'")).isZero();

        Map<String, Object> again = awaitEnd(location(upload("text/csv", (HEADER
                + "kim@example.com,Kim,,weekly,old tool,2025-01-01T00:00:00Z\n").getBytes(StandardCharsets.UTF_8))));
        assertThat(again).containsEntry("rejected", 1);
        String rejected = http.get((String) again.get("rejectedLines"), asAdmin()).body();
        assertThat(rejected.lines().skip(1).toList()).singleElement().asString().startsWith("2,,").contains("erased");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import_rejection WHERE LOWER(email) = 'kim@example.com'")).isZero();
    }

    @Test
    void the_same_file_imported_again_changes_nothing() {
        byte[] csv = readers(40);
        Map<String, Object> first = awaitEnd(location(upload("text/csv", csv)));
        Map<String, Long> before = sql.rowCounts();
        String exported = http.get("/admin/subscribers/export", asAdmin()).body();

        Map<String, Object> again = awaitEnd(location(upload("text/csv", csv)));

        assertThat(first).containsEntry("imported", 40);
        assertThat(again).containsEntry("status", "done").containsEntry("imported", 0).containsEntry("skipped", 40);
        Map<String, Long> after = sql.rowCounts();
        // The second job's own row, and the audit log's entries of its start and end.
        for (String table : List.of("subscriber_import", "audit_entry")) {
            after.remove(table);
            before.remove(table);
        }
        assertThat(after).isEqualTo(before);
        assertThat(http.get("/admin/subscribers/export", asAdmin()).body()).isEqualTo(exported);
    }

    @Test
    void a_zip_holding_one_csv_is_imported_and_one_holding_two_is_refused() throws IOException {
        Map<String, Object> job = awaitEnd(location(upload("application/zip", zip(Map.of("readers.csv", readers(5))))));
        HttpResponse<String> two = upload("application/zip", zip(Map.of("a.csv", readers(1), "b.csv", readers(1))));

        assertThat(job).containsEntry("status", "done").containsEntry("imported", 5);
        assertThat(two.statusCode()).as(two.body()).isEqualTo(422);
        assertThat(two.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(two.body()).contains("exactly one CSV file");
        assertThat(importDir).isEmptyDirectory();
    }

    @Test
    void a_file_over_import_max_size_is_refused_with_413_problem_json_and_nothing_is_kept() {
        HttpResponse<String> response = upload("text/csv", readers(2000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("IMPORT_MAX_SIZE");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).isZero();
        assertThat(importDir).isEmptyDirectory();
    }

    @Test
    void a_file_whose_header_names_no_address_or_consent_time_is_refused_at_once() {
        HttpResponse<String> response = upload("text/csv", "mail,who\nann@example.com,Ann\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("header line");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import")).isZero();
        assertThat(http.post("/admin/subscribers/imports", "text/csv", HEADER).statusCode()).isEqualTo(401);
    }

    @Test
    void the_small_import_refuses_a_body_over_one_megabyte_and_names_the_job_route() {
        HttpResponse<String> response = http.post("/admin/subscribers/import", "text/csv", readers(20_000), asAdmin());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("POST /admin/subscribers/imports");
    }

    @Test
    void exports_of_other_tools_are_read_by_their_column_names() {
        String mailchimp = "\"Email Address\",\"First Name\",\"Last Name\",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,"
                + "CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES\n"
                + "mc@example.com,Marc,Chen,2,,,\"2015-03-16 14:40:47\",,,,,,,,,\"2015-03-16 14:40:47\",1,abc,\n";
        String listmonk = "uuid,email,name,attributes,status,created_at,updated_at\n"
                + "5e8f,lm@example.com,Lena,{},enabled,2021-02-14 14:42:43.735178+00,2021-02-14 14:42:43.735178+00\n"
                + "6f9a,blocked@example.com,Bo,{},blocklisted,2021-02-14 14:42:43+00,2021-02-14 14:42:43+00\n";
        String buttondown = "email_address,creation_date,subscriber_type,notes,tags\n"
                + "bd@example.com,2023-05-01T08:00:00Z,regular,,\nnever@example.com,2023-05-01T08:00:00Z,unactivated,,\n";

        for (String file : new String[] {mailchimp, listmonk, buttondown}) {
            assertThat(awaitEnd(location(upload("text/csv", file.getBytes(StandardCharsets.UTF_8))))).containsEntry("status", "done");
        }

        assertThat(sql.text("""
                SELECT s.name || '|' || s.confirmed_at || '|' || c.evidence FROM subscriber s
                JOIN consent_event c ON c.subscriber_id = s.id WHERE s.email_key = 'mc@example.com'"""))
                .startsWith("Marc Chen|2015-03-16 14:40:47").endsWith("|Mailchimp export");
        assertThat(sql.text("SELECT c.evidence FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id WHERE s.email_key = 'lm@example.com'"))
                .isEqualTo("listmonk export");
        assertThat(sql.text("SELECT c.evidence FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id WHERE s.email_key = 'bd@example.com'"))
                .isEqualTo("Buttondown export");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key IN ('blocked@example.com', 'never@example.com')")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_import_rejection WHERE reason LIKE '%blocklisted%' OR reason LIKE '%unactivated%'"))
                .isEqualTo(2);
    }

    @Test
    void the_export_guards_fields_a_spreadsheet_would_run_and_an_import_of_it_gives_back_the_same_readers() {
        String csv = HEADER
                + "ann@example.com,=HYPERLINK(\"http://evil.example\"),,weekly,+1 form,2025-01-01T00:00:00Z\n"
                + "-bob@example.com,@bob,,weekly,-list,2025-01-01T00:00:00Z\n"
                + "cy@example.com,'Tis Cy,,weekly,form,2025-01-01T00:00:00Z\n";
        awaitEnd(location(upload("text/csv", csv.getBytes(StandardCharsets.UTF_8))));

        String exported = http.get("/admin/subscribers/export", asAdmin()).body();

        assertThat(exported).contains("ann@example.com,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,weekly,'+1 form,")
                .contains("'-bob@example.com,'@bob,,weekly,'-list,")
                .contains("cy@example.com,''Tis Cy,,weekly,form,");
        sql.update("DELETE FROM subscriber");
        Map<String, Object> job = awaitEnd(location(upload("text/csv", exported.getBytes(StandardCharsets.UTF_8))));
        assertThat(job).containsEntry("imported", 3);
        assertThat(sql.text("SELECT name FROM subscriber WHERE email_key = 'ann@example.com'")).isEqualTo("=HYPERLINK(\"http://evil.example\")");
        assertThat(sql.text("SELECT name FROM subscriber WHERE email_key = '-bob@example.com'")).isEqualTo("@bob");
        assertThat(sql.text("SELECT name FROM subscriber WHERE email_key = 'cy@example.com'")).isEqualTo("'Tis Cy");
        assertThat(http.get("/admin/subscribers/export", asAdmin()).body()).isEqualTo(exported);
    }

    @Test
    void a_job_left_by_a_stopped_instance_goes_on_from_its_last_committed_row() throws IOException {
        Files.write(importDir.resolve("left.upload"), readers(10));
        // As a dead instance leaves it: four rows committed, its lease run out.
        sql.update("""
                INSERT INTO subscriber_import (status, file_name, charset, size_bytes, processed, imported, lease_owner, lease_until, created_at)
                VALUES ('RUNNING', 'left.upload', 'UTF-8', 1, 4, 4, 'gone', ?, ?)""",
                clock.instant().minusSeconds(5).atOffset(java.time.ZoneOffset.UTC), clock.instant().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC));
        String id = sql.text("SELECT id FROM subscriber_import");

        Map<String, Object> job = awaitEnd("/admin/subscribers/imports/" + id);

        assertThat(job).containsEntry("status", "done").containsEntry("processed", 10).containsEntry("imported", 10);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).as("rows 5 to 10 only").isEqualTo(6);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'reader4@example.com'")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'reader5@example.com'")).isOne();
    }

    @Test
    void a_job_another_instance_holds_is_left_to_it() throws IOException {
        Files.write(importDir.resolve("held.upload"), readers(3));
        sql.update("""
                INSERT INTO subscriber_import (status, file_name, charset, size_bytes, lease_owner, lease_until, created_at)
                VALUES ('RUNNING', 'held.upload', 'UTF-8', 1, 'alive', ?, ?)""",
                clock.instant().plusSeconds(60).atOffset(java.time.ZoneOffset.UTC), clock.instant().atOffset(java.time.ZoneOffset.UTC));

        clock.advance(Duration.ofSeconds(30));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> sql.count("SELECT COUNT(*) FROM subscriber") == 0);
        clock.advance(Duration.ofSeconds(31));

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(sql.text("SELECT status FROM subscriber_import")));
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber")).isEqualTo(3);
    }

    private HttpResponse<String> upload(String contentType, byte[] body) {
        return http.post("/admin/subscribers/imports", contentType, body, asAdmin());
    }

    private static String location(HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return started.headers().firstValue("Location").orElseThrow();
    }

    private Map<String, Object> awaitEnd(String location) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(Json.object(http.get(location, asAdmin()).body()).get("status")));
        return Json.object(http.get(location, asAdmin()).body());
    }

    /** Readers reader1 to readerN in Tidings' columns. */
    private static byte[] readers(int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= count; i++) {
            csv.append("reader").append(i).append("@example.com,Reader ").append(i).append(",,weekly,old tool,2025-01-01T00:00:00Z\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
