package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.NotToBeSent;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class EditionTest extends ServiceTest {

    @Inject
    DigestComposer digests;

    @BeforeEach
    void setUp() throws Exception {
        given.clear();
        smtp.purgeEmailFromAllMailboxes();
        // Each test gets a schedule slot of its own.
        clock.advance(Duration.ofDays(8));
    }

    private Map<String, Object> trigger(String frequency) {
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"" + frequency + "\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return Json.object(response.body());
    }

    @Test
    void readers_of_the_frequency_get_the_articles_of_their_topics_and_nobody_else_gets_anything() throws Exception {
        given.article("Teething signs", clock.instant().minus(Duration.ofHours(2)), "baby");
        given.article("Second trimester scans", clock.instant().minus(Duration.ofHours(1)), "pregnancy");
        given.reader("all@example.com", "Alle", "DAILY", "CONFIRMED");
        given.reader("baby@example.com", null, "DAILY", "CONFIRMED", "baby");
        given.reader("fertility@example.com", null, "DAILY", "CONFIRMED", "fertility");
        given.reader("weekly@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("left@example.com", null, "DAILY", "UNSUBSCRIBED");
        given.reader("bounced@example.com", null, "DAILY", "BOUNCED");
        given.reader("pending@example.com", null, "DAILY", "PENDING");

        Map<String, Object> triggered = trigger("daily");

        assertThat(triggered).containsEntry("outcome", "queued");
        assertThat(Json.object(triggered, "edition")).containsEntry("recipientCount", 2).containsEntry("frequency", "daily");
        assertThat(given.digestsTo("all@example.com")).isEqualTo(1);
        assertThat(given.digestsTo("baby@example.com")).isEqualTo(1);
        for (String nobody : List.of("fertility@example.com", "weekly@example.com", "left@example.com",
                "bounced@example.com", "pending@example.com")) {
            assertThat(given.digestsTo(nobody)).as(nobody).isZero();
        }
        String babyDigest = Mails.part(awaitMessagesTo("baby@example.com", 1).get(0), "text/plain");
        assertThat(babyDigest).contains("Teething signs").doesNotContain("Second trimester scans");
        String allDigest = Mails.part(awaitMessagesTo("all@example.com", 1).get(0), "text/plain");
        assertThat(allDigest).contains("Hello Alle,").contains("Teething signs").contains("Second trimester scans");
        assertThat(allDigest.indexOf("Second trimester scans")).as("newest first").isLessThan(allDigest.indexOf("Teething signs"));
    }

    @Test
    void a_reader_who_paused_the_newsletter_is_passed_by_until_the_pause_ends() {
        given.article("While you were away", clock.instant().minus(Duration.ofHours(1)));
        long paused = given.reader("paused@example.com", null, "DAILY", "CONFIRMED");
        given.reader("active@example.com", null, "DAILY", "CONFIRMED");
        sql.update("UPDATE subscriber SET paused_until = ? WHERE id = ?",
                Timestamp.from(clock.instant().plus(Duration.ofDays(3))), paused);

        assertThat(Json.object(trigger("daily"), "edition")).containsEntry("recipientCount", 1);
        assertThat(given.digestsTo("paused@example.com")).isZero();

        clock.advance(Duration.ofDays(4));
        given.article("Back again", clock.instant().minus(Duration.ofHours(1)));
        assertThat(Json.object(trigger("daily"), "edition")).containsEntry("recipientCount", 2);
    }

    @Test
    void a_reader_who_confirmed_during_the_window_gets_the_edition_and_one_who_left_does_not() {
        long early = given.reader("early@example.com", null, "WEEKLY", "CONFIRMED");
        long late = given.reader("late@example.com", null, "WEEKLY", "PENDING");
        long leaving = given.reader("leaving@example.com", null, "WEEKLY", "CONFIRMED");
        given.article("Mid-week article", clock.instant().minus(Duration.ofDays(3)));
        // During the window: one reader confirms, another unsubscribes.
        sql.update("UPDATE subscriber SET status = 'CONFIRMED', confirmed_at = ? WHERE id = ?",
                Timestamp.from(clock.instant().minus(Duration.ofDays(1))), late);
        sql.update("UPDATE subscriber SET status = 'UNSUBSCRIBED', unsubscribed_at = ? WHERE id = ?",
                Timestamp.from(clock.instant().minus(Duration.ofDays(2))), leaving);

        trigger("weekly");

        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE kind = 'DIGEST' AND subscriber_id IN (?, ?)", early, late))
                .isEqualTo(2);
        assertThat(given.digestsTo("leaving@example.com")).isZero();
    }

    @Test
    void an_article_without_topics_is_for_every_reader() {
        given.article("News for all", clock.instant().minus(Duration.ofMinutes(5)));
        given.reader("fertility@example.com", null, "WEEKLY", "CONFIRMED", "fertility");

        assertThat(Json.object(trigger("weekly"), "edition")).containsEntry("recipientCount", 1);
    }

    @Test
    void with_nothing_new_no_edition_is_made_and_nothing_queued() {
        given.reader("idle@example.com", null, "DAILY", "CONFIRMED");
        given.article("Old news", clock.instant().minus(Duration.ofDays(2)));

        Map<String, Object> triggered = trigger("daily");

        assertThat(triggered).containsEntry("outcome", "nothing-new");
        assertThat(sql.count("SELECT COUNT(*) FROM edition")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    void the_first_window_is_the_last_day_or_week_and_a_page_dated_last_year_counts_when_it_arrives_now() {
        given.article("Imported today, dated last year", clock.instant().minus(Duration.ofMinutes(1)));
        sql.update("UPDATE article SET published_at = published_at - INTERVAL '400' DAY");
        given.article("Seen three days ago", clock.instant().minus(Duration.ofDays(3)));
        given.article("Seen eight days ago", clock.instant().minus(Duration.ofDays(8)));

        assertThat(titles(trigger("daily"))).containsExactly("Imported today, dated last year");
        assertThat(titles(trigger("weekly"))).containsExactlyInAnyOrder("Imported today, dated last year", "Seen three days ago");
    }

    @Test
    void the_next_edition_covers_what_arrived_since_the_last_one_ended() {
        given.reader("next@example.com", null, "DAILY", "CONFIRMED");
        given.article("Monday's article", clock.instant().minus(Duration.ofHours(1)));
        Map<String, Object> first = trigger("daily");
        assertThat(titles(first)).containsExactly("Monday's article");

        clock.advance(Duration.ofDays(1));
        given.article("Tuesday's article", clock.instant().minus(Duration.ofHours(1)));
        Map<String, Object> second = trigger("daily");

        assertThat(titles(second)).containsExactly("Tuesday's article");
        assertThat(Json.object(second, "edition").get("windowStart")).isEqualTo(Json.object(first, "edition").get("windowEnd"));
        assertThat(given.digestsTo("next@example.com")).isEqualTo(2);
    }

    @Test
    void a_second_trigger_in_the_same_slot_gives_the_one_edition() {
        given.reader("once@example.com", null, "DAILY", "CONFIRMED");
        given.article("Only once", clock.instant().minus(Duration.ofHours(1)));
        Map<String, Object> first = trigger("daily");
        given.article("Arrived later the same day", clock.instant());

        Map<String, Object> second = trigger("daily");

        assertThat(second).containsEntry("outcome", "already-composed");
        assertThat(Json.object(second, "edition").get("id")).isEqualTo(Json.object(first, "edition").get("id"));
        assertThat(sql.count("SELECT COUNT(*) FROM edition")).isEqualTo(1);
        assertThat(given.digestsTo("once@example.com")).isEqualTo(1);
    }

    @Test
    void concurrent_triggers_make_one_edition_and_queue_each_reader_once() throws Exception {
        IntStream.range(0, 50).forEach(i -> given.reader("r" + i + "@example.com", null, "WEEKLY", "CONFIRMED"));
        given.article("Race", clock.instant().minus(Duration.ofHours(1)));
        int triggers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(triggers);
        List<String> outcomes;
        try {
            List<Callable<String>> calls = IntStream.range(0, triggers).<Callable<String>>mapToObj(i -> () -> {
                start.await();
                return (String) trigger("weekly").get("outcome");
            }).toList();
            List<Future<String>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            outcomes = futures.stream().map(EditionTest::get).toList();
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn("queued"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("already-composed"::equals).hasSize(triggers - 1);
        assertThat(sql.count("SELECT COUNT(*) FROM edition")).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE kind = 'DIGEST'")).isEqualTo(50);
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(Map<String, Object> triggered) {
        return Json.list(Json.object(triggered, "edition"), "articles").stream().map(a -> (String) a.get("title")).toList();
    }

    @Test
    void the_edition_shows_its_delivery_counts_until_complete() {
        given.reader("a@example.com", null, "DAILY", "CONFIRMED");
        given.reader("b@example.com", null, "DAILY", "CONFIRMED");
        given.article("Counted", clock.instant().minus(Duration.ofHours(1)));
        Object id = Json.object(trigger("daily"), "edition").get("id");

        awaitMessagesTo("b@example.com", 1);
        awaitMessagesTo("a@example.com", 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "complete".equals(Json.object(http.get("/admin/editions/" + id, asAdmin()).body()).get("state")));

        Map<String, Object> shown = Json.object(http.get("/admin/editions/" + id, asAdmin()).body());
        assertThat(Json.object(shown, "delivery")).containsEntry("sent", 2).containsEntry("pending", 0)
                .containsEntry("failed", 0).containsEntry("suppressed", 0).containsEntry("sending", 0);
        assertThat(shown.get("estimatedSecondsLeft")).isNull();
        Map<String, Object> listed = Json.list(Json.object(http.get("/admin/editions", asAdmin()).body()), "items").get(0);
        assertThat(listed.get("id")).isEqualTo(id);
        assertThat(http.get("/admin/editions/999999", asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void a_reader_who_left_after_the_edition_was_queued_is_not_sent_it() {
        given.article("Too late", clock.instant().minus(Duration.ofHours(1)));
        given.reader("stays@example.com", null, "DAILY", "CONFIRMED");
        long gone = given.reader("gone@example.com", null, "DAILY", "UNSUBSCRIBED");
        Object edition = Json.object(trigger("daily"), "edition").get("id");
        // The row an edition queued while the reader was still confirmed.
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, edition_id, recipient, message_id, status, attempts, due_at, created_at)
                VALUES ('DIGEST', ?, ?, 'gone@example.com', '<left@tidings.localhost>', 'PENDING', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                gone, ((Number) edition).longValue());

        await().atMost(Duration.ofSeconds(20)).until(() ->
                "SUPPRESSED".equals(sql.text("SELECT status FROM outbox WHERE subscriber_id = ?", gone)));
        assertThat(sql.text("SELECT last_error FROM outbox WHERE subscriber_id = ?", gone)).isEqualTo("the reader is unsubscribed");
        awaitMessagesTo("stays@example.com", 1);
        assertThat(messagesTo("gone@example.com")).isEmpty();
    }

    @Test
    void a_claims_readers_are_read_once_and_again_when_older_than_half_a_second() {
        given.article("Read ahead", clock.instant().minus(Duration.ofHours(1)));
        long reader = given.reader("ahead@example.com", null, "DAILY", "CONFIRMED");
        long edition = ((Number) Json.object(trigger("daily"), "edition").get("id")).longValue();
        OutgoingEmail queued = new OutgoingEmail(MessageKind.DIGEST, reader, "ahead@example.com", null, null, edition);
        digests.prepare(List.of(queued));
        sql.update("UPDATE subscriber SET status = 'UNSUBSCRIBED' WHERE id = ?", reader);

        assertThat(digests.compose(queued).text().text()).as("within 500 ms the claim's read stands").contains("Read ahead");
        clock.advance(Duration.ofMillis(501));
        assertThatThrownBy(() -> digests.compose(queued)).isInstanceOf(NotToBeSent.class)
                .hasMessage("the reader is unsubscribed");
    }

    @Test
    void the_digest_is_a_well_formed_mail_whose_header_link_unsubscribes_in_one_click() throws Exception {
        given.reader("ann@example.com", "Ann <b>", "DAILY", "CONFIRMED");
        given.article("Sleep & <script>alert(1)</script> naps", clock.instant().minus(Duration.ofHours(1)), "baby");

        trigger("daily");
        MimeMessage digest = awaitMessagesTo("ann@example.com", 1).get(0);

        assertThat(digest.getContentType()).startsWith("multipart/alternative");
        assertThat(digest.getHeader("Message-ID")[0]).matches("<[A-Za-z0-9]+\\.\\d+@[a-z.]+>");
        assertThat(digest.getHeader("Date")).isNotEmpty();
        assertThat(digest.getSubject()).startsWith("Tidings daily digest, ").endsWith(": Sleep & <script>alert(1)</script> naps");
        assertThat(digest.getHeader("List-Id")[0]).isEqualTo("Tidings daily digest <daily.digest.tidings.localhost>");
        assertThat(digest.getHeader("List-Unsubscribe-Post")).as("RFC 8058: no one-click over plain http").isNull();
        String listUnsubscribe = digest.getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).matches("<http://localhost:8080/unsubscribe\\?token=[^>]+>");
        String html = Mails.part(digest, "text/html");
        assertThat(html).contains("Sleep &amp; &lt;script&gt;alert(1)&lt;/script&gt; naps")
                .contains("Hello Ann &lt;b&gt;,").doesNotContain("<script>")
                .contains("href=\"https://site.example/").contains("/preferences?token=");
        assertThat(Mails.part(digest, "text/plain")).contains("Hello Ann <b>,").contains("Unsubscribe:\r\nhttp://localhost:8080/unsubscribe?token=");

        String path = listUnsubscribe.substring("<http://localhost:8080".length(), listUnsubscribe.length() - 1);
        HttpResponse<String> oneClick = http.post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(sql.text("SELECT status FROM subscriber WHERE email = 'ann@example.com'")).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void preview_shows_the_next_edition_generic_or_as_one_reader_gets_it() {
        given.reader("baby@example.com", "Bea", "DAILY", "CONFIRMED", "baby");
        given.article("Baby sleep", clock.instant().minus(Duration.ofHours(1)), "baby");
        given.article("Pregnancy yoga", clock.instant().minus(Duration.ofHours(1)), "pregnancy");

        HttpResponse<String> generic = http.get("/admin/editions/preview?frequency=daily", asAdmin());
        HttpResponse<String> personal = http.get("/admin/editions/preview?frequency=daily&email=BABY@example.com", asAdmin());

        assertThat(generic.statusCode()).isEqualTo(200);
        assertThat(generic.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(generic.body()).contains("Baby sleep").contains("Pregnancy yoga").contains("Hello,");
        assertThat(personal.body()).contains("Baby sleep").doesNotContain("Pregnancy yoga").contains("Hello Bea,");
        assertThat(sql.count("SELECT COUNT(*) FROM edition")).as("a preview queues nothing").isZero();
        assertThat(http.get("/admin/editions/preview?frequency=daily&email=nobody@example.com", asAdmin()).statusCode()).isEqualTo(404);
        assertThat(http.get("/admin/editions/preview?frequency=daily&email=not-an-address", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/editions/preview", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/editions/preview?frequency=hourly", asAdmin()).statusCode()).isEqualTo(422);
    }

    @Test
    void preview_with_nothing_new_says_so() {
        HttpResponse<String> response = http.get("/admin/editions/preview?frequency=weekly", asAdmin());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("nothing is new");
    }

    @Test
    void a_test_copy_goes_to_any_address_marked_as_a_test() throws Exception {
        given.article("Tested", clock.instant().minus(Duration.ofHours(1)), "baby");
        given.reader("r@example.com", null, "DAILY", "CONFIRMED");
        Object id = Json.object(trigger("daily"), "edition").get("id");

        HttpResponse<String> queued = http.postJson("/admin/editions/" + id + "/test", "{\"to\":\"editor@example.com\"}", asAdmin());

        assertThat(queued.statusCode()).isEqualTo(202);
        MimeMessage copy = awaitMessagesTo("editor@example.com", 1).get(0);
        assertThat(copy.getSubject()).startsWith("[TEST] Tidings daily digest");
        assertThat(Mails.part(copy, "text/plain")).contains("Tested").contains("TEST COPY");
        assertThat(http.postJson("/admin/editions/" + id + "/test", "{\"to\":\"x\\r\\nBcc: a@b.c\"}", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.postJson("/admin/editions/424242/test", "{\"to\":\"e@example.com\"}", asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void a_flood_of_articles_gives_each_digest_the_newest_twenty_and_names_the_rest_with_a_link_to_the_site() throws Exception {
        given.articles("Flood item", 3000, clock.instant().minus(Duration.ofHours(1)));
        given.reader("flooded@example.com", null, "WEEKLY", "CONFIRMED", "baby");

        String preview = http.get("/admin/editions/preview?frequency=weekly", asAdmin()).body();
        Object id = Json.object(trigger("weekly"), "edition").get("id");
        MimeMessage digest = awaitMessagesTo("flooded@example.com", 1).get(0);
        http.postJson("/admin/editions/" + id + "/test", "{\"to\":\"editor@example.com\"}", asAdmin());
        MimeMessage copy = awaitMessagesTo("editor@example.com", 1).get(0);

        assertThat(preview.length()).as("the preview, in characters").isLessThan(60_000);
        assertThat(digest.getSize()).as("the message, in bytes").isLessThan(100_000);
        for (String shown : List.of(preview, Mails.part(digest, "text/html"), Mails.part(digest, "text/plain"),
                Mails.part(copy, "text/html"), Mails.part(copy, "text/plain"))) {
            assertThat(shown).contains("Flood item 0001").contains("Flood item 0020").doesNotContain("Flood item 0021")
                    .contains("And 2,980 more articles").contains("http://localhost:8080/");
        }
        assertThat(Mails.part(digest, "text/plain")).contains("And 2,980 more articles on Tidings:\r\nhttp://localhost:8080/");
        assertThat(Mails.part(digest, "text/html")).contains("href=\"http://localhost:8080/\"");
    }

    @Test
    void the_articles_past_the_cap_stay_in_their_edition_rather_than_piling_into_the_next() {
        given.reader("weekly@example.com", null, "WEEKLY", "CONFIRMED");
        given.articles("Last week", 25, clock.instant().minus(Duration.ofHours(1)));
        Map<String, Object> first = trigger("weekly");

        clock.advance(Duration.ofDays(7));
        given.article("This week's article", clock.instant().minus(Duration.ofHours(1)));
        Map<String, Object> second = trigger("weekly");

        assertThat(titles(first)).hasSize(25);
        assertThat(titles(second)).containsExactly("This week's article");
    }

    @Test
    void bad_triggers_get_422_and_no_token_gets_401() {
        assertThat(http.postJson("/admin/editions", "{}", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.postJson("/admin/editions", "{\"frequency\":\"monthly\"}", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.postJson("/admin/editions", "{\"frequency\":\"daily\"}").statusCode()).isEqualTo(401);
        assertThat(http.get("/admin/editions/preview?frequency=daily").statusCode()).isEqualTo(401);
    }
}
