package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sent message whose record cannot be committed: the worker may start its next message, but must
 * not end that message's data, so the one message the relay took and the database never recorded
 * is the only one sent twice once the rows come back.
 */
@MicronautTest(transactional = false)
class SentRecordFailureTest extends ServiceTest {

    private final FaultySmtp relay = new FaultySmtp(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        relay.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relay.port()),
                "tidings.delivery.workers", "1",
                "tidings.delivery.batch-size", "10");
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    private long sent() {
        return sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'");
    }

    @Test
    void the_next_message_stops_before_its_end_of_data_and_only_the_unrecorded_one_goes_twice() {
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        given.readers("reader", 3);
        // Every sent record now fails to commit; claims and everything else still work.
        sql.update("ALTER TABLE outbox ADD CONSTRAINT sent_records_fail CHECK (status <> 'SENT')");
        try {
            HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.total() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.receivedByRecipient().size() == 1
                    && relay.attempts("reader1@example.com") + relay.attempts("reader2@example.com")
                    + relay.attempts("reader3@example.com") == 2);
            // The second message reached the relay's RCPT and DATA, but its data was never ended.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> relay.total() == 1);
            assertThat(sent()).isZero();
        } finally {
            sql.update("ALTER TABLE outbox DROP CONSTRAINT sent_records_fail");
        }

        // As after a crash: the claim's lease runs out, and its rows are due again.
        clock.advance(Duration.ofMinutes(6));

        await().atMost(Duration.ofSeconds(15)).until(() -> sent() == 3);
        assertThat(relay.total()).isEqualTo(4);
        assertThat(relay.receivedByRecipient().values()).containsExactlyInAnyOrder(2, 1, 1);
    }
}
