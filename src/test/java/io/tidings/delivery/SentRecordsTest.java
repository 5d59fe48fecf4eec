package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sent messages recorded by group commit, and the outbox's statistics kept fresh for claims. */
@MicronautTest(transactional = false)
class SentRecordsTest extends ServiceTest {

    @Inject
    SentRecords sentRecords;
    @Inject
    OutboxRepository outbox;
    @Inject
    Outcomes outcomes;

    @Override
    protected Map<String, String> extraProperties() {
        // The test plays the workers.
        return Map.of("tidings.delivery.workers", "0");
    }

    @BeforeEach
    void setUp() {
        given.clear();
    }

    private OutboxMessage leased(String recipient, String owner) {
        Instant now = clock.instant();
        return outbox.save(new OutboxMessage(null, MessageKind.CONFIRMATION, null, recipient, null, null,
                "<" + recipient + ">", MessageStatus.SENDING, 1, now, owner, now.plus(Duration.ofMinutes(5)),
                null, null, now, null, null));
    }

    private String stateOf(long id) {
        return sql.text("SELECT status || ' ' || COALESCE(lease_owner, '-') || ' ' || COALESCE(relay_reply, '-') FROM outbox WHERE id = ?", id);
    }

    @Test
    void a_record_is_committed_once_awaited_with_sixteen_workers_sharing_the_recorder() throws Exception {
        int workers = 16;
        int messagesEach = 25;
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<String>>> seen = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String owner = "claim-" + w;
                List<OutboxMessage> claim = IntStream.range(0, messagesEach)
                        .mapToObj(n -> leased(owner + "-" + n + "@example.com", owner)).toList();
                seen.add(threads.submit(() -> {
                    List<String> states = new ArrayList<>();
                    for (OutboxMessage message : claim) {
                        sentRecords.record(message, owner, clock.instant(), "250 2.0.0 queued as " + message.id()).await();
                        // Read on another connection: what a crash right now would leave behind.
                        states.add(stateOf(message.id()));
                    }
                    return states;
                }));
            }
            for (Future<List<String>> states : seen) {
                assertThat(states.get()).allSatisfy(state -> assertThat(state).matches("SENT - 250 2\\.0\\.0 queued as \\d+"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT' AND sent_at IS NOT NULL"))
                .isEqualTo((long) workers * messagesEach);
        // Each record counted once, however the groups fell: the rows moved from sending to sent.
        assertThat(sql.count("SELECT COALESCE(SUM(n), 0) FROM delivery_count WHERE status = 'SENT' AND held"))
                .isEqualTo((long) workers * messagesEach);
        assertThat(sql.count("SELECT COALESCE(SUM(n), 0) FROM delivery_count WHERE status = 'SENDING' AND held")).isZero();
    }

    @Test
    void a_group_short_of_its_size_waits_for_more_records_and_they_commit_together() {
        SentRecords gathering = new SentRecords(outcomes, 3, Duration.ofMinutes(1));
        try {
            OutboxMessage first = leased("first@example.com", "claim");
            SentRecords.Pending firstRecord = gathering.record(first, "claim", clock.instant(), "250 first");

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> stateOf(first.id()).equals("SENDING claim -"));

            gathering.record(leased("second@example.com", "claim"), "claim", clock.instant(), "250 second");
            gathering.record(leased("third@example.com", "claim"), "claim", clock.instant(), "250 third").await();
            firstRecord.await();
            assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'")).isEqualTo(3);
        } finally {
            gathering.stop();
        }
    }

    @Test
    void a_group_that_stays_short_is_written_once_its_wait_is_over() {
        SentRecords gathering = new SentRecords(outcomes, 3, Duration.ofMillis(200));
        try {
            OutboxMessage alone = leased("alone@example.com", "claim");
            long start = System.nanoTime();

            gathering.record(alone, "claim", clock.instant(), "250 alone").await();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(stateOf(alone.id())).isEqualTo("SENT - 250 alone");
        } finally {
            gathering.stop();
        }
    }

    @Test
    void a_message_sent_after_its_row_went_to_another_claim_leaves_that_claims_lease_alone() {
        OutboxMessage message = leased("late@example.com", "expired-claim");
        sql.update("UPDATE outbox SET lease_owner = 'next-claim' WHERE id = ?", message.id());

        sentRecords.record(message, "expired-claim", clock.instant(), "250 ok").await();

        assertThat(stateOf(message.id())).isEqualTo("SENDING next-claim -");
    }

    @Test
    @Tag("postgres")
    void queueing_an_edition_gives_the_planner_the_outbox_as_it_now_is() {
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        given.readers("many", 1_500);

        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(sql.count("SELECT reltuples::bigint FROM pg_class WHERE relname = 'outbox'"))
                .as("rows the planner believes the outbox holds").isGreaterThanOrEqualTo(1_500);
    }
}
