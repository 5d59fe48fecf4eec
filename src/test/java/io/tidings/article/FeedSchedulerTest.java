package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule: which feeds a run polls, failures that do not stop it, and the per-feed lock. */
@MicronautTest(transactional = false)
class FeedSchedulerTest extends FeedTestBase {

    private static final List<String> PATHS = List.of("/a.xml", "/down.xml", "/b.xml", "/locked.xml");

    @Inject
    FeedScheduler scheduler;

    @Override
    protected Map<String, String> feedProperties() {
        return Map.of("tidings.feed.list", String.join(";",
                        "good-a|" + site.url("/a.xml"),
                        "down|" + site.url("/down.xml"),
                        "refused|" + unreachableUrl(),
                        "good-b|" + site.url("/b.xml"),
                        "locked|" + site.url("/locked.xml")),
                "tidings.feed.poll-interval", "1h");
    }

    private Map<String, Integer> requestCounts() {
        return PATHS.stream().collect(Collectors.toMap(Function.identity(), path -> site.requests(path).size()));
    }

    private Map<String, Integer> requestsSince(Map<String, Integer> before) {
        return PATHS.stream().collect(Collectors.toMap(Function.identity(),
                path -> site.requests(path).size() - before.get(path)));
    }

    @Test
    void a_run_polls_every_due_feed_and_failing_feeds_do_not_stop_the_others() {
        Instant now = clock.instant();
        site.serve("/a.xml", RSS, rss(item("a-1", "https://site.example/sched/a", "A", now)));
        site.fail("/down.xml", 500);
        site.serve("/b.xml", RSS, rss(item("b-1", "https://site.example/sched/b", "B", now)));
        site.serve("/locked.xml", RSS, rss());
        clock.advance(Duration.ofHours(2));
        long refusedErrors = sql.count("SELECT COALESCE(MAX(errors_total), 0) FROM feed_state WHERE name = 'refused'");
        Map<String, Integer> before = requestCounts();

        scheduler.run();

        assertThat(requestsSince(before)).containsEntry("/a.xml", 1).containsEntry("/down.xml", 1).containsEntry("/b.xml", 1);
        assertThat(article("https://site.example/sched/a")).containsEntry("source", "good-a");
        assertThat(article("https://site.example/sched/b")).containsEntry("source", "good-b");
        assertThat(feedView("down")).containsEntry("lastStatus", "error");
        assertThat(sql.count("SELECT errors_total FROM feed_state WHERE name = 'refused'")).isEqualTo(refusedErrors + 1);
        assertThat(sql.count("SELECT COUNT(*) FROM shedlock WHERE name IN ('feed-good-a', 'feed-down', 'feed-good-b')"))
                .as("each feed is polled under a lock of its own").isEqualTo(3);

        Map<String, Integer> afterFirstRun = requestCounts();
        scheduler.run();
        assertThat(requestsSince(afterFirstRun)).as("nothing is due again before its interval").containsOnlyKeys(PATHS)
                .allSatisfy((path, count) -> assertThat(count).isZero());

        // A feed failing a second time in a row waits two intervals (the other test's run may have failed it once).
        clock.advance(Duration.ofHours(2));
        scheduler.run();
        assertThat(requestsSince(afterFirstRun)).containsEntry("/a.xml", 1).containsEntry("/down.xml", 1);
    }

    @Test
    void a_feed_another_instance_is_polling_is_left_to_it() {
        site.serve("/locked.xml", RSS, rss());
        lockFeedUntil(Instant.now().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofHours(2));
        Map<String, Integer> before = requestCounts();

        scheduler.run();
        HttpResponse<String> pollNow = http.post("/admin/feeds/locked/poll", "application/json", "", asAdmin());

        assertThat(requestsSince(before)).containsEntry("/locked.xml", 0).containsEntry("/a.xml", 1);
        assertThat(pollNow.statusCode()).isEqualTo(409);
        assertThat(pollNow.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.object(pollNow.body())).containsEntry("status", 409);

        lockFeedUntil(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(poll("locked")).as("once the other instance is done").containsEntry("status", "ok");
    }

    /** Holds the "locked" feed's lock as another instance would, in wall-clock time as ShedLock keeps it. */
    private void lockFeedUntil(Instant until) {
        Timestamp lockUntil = Timestamp.from(until);
        if (sql.update("UPDATE shedlock SET lock_until = ?, locked_by = 'other-instance' WHERE name = 'feed-locked'", lockUntil) == 0) {
            sql.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('feed-locked', ?, ?, 'other-instance')",
                    lockUntil, Timestamp.from(Instant.now()));
        }
    }
}
