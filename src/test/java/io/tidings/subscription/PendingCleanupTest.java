package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class PendingCleanupTest extends ServiceTest {

    @Inject
    PendingCleanupJob job;

    @Test
    void forgets_addresses_left_unconfirmed_past_the_retention_and_keeps_the_others() {
        http.postJson("/api/subscriptions", "{\"email\":\"kept@example.com\",\"consent\":true}");
        http.postJson("/api/subscriptions", "{\"email\":\"gone@example.com\",\"consent\":true}");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo("kept@example.com", 1).get(0), "/confirm?token="));
        http.postForm("/confirm", Map.of("token", token));
        awaitMessagesTo("gone@example.com", 1);
        long gone = sql.count("SELECT id FROM subscriber WHERE email_key = 'gone@example.com'");
        // No path records consent for a reader who never confirmed today; should one, its record must go with them,
        // as consent records keep no foreign key to cascade (V30).
        sql.update("INSERT INTO consent_event (subscriber_id, kind, source, recorded_at) VALUES (?, 'unsubscribed', 'FORM', ?)",
                gone, clock.instant().atOffset(java.time.ZoneOffset.UTC));

        clock.advance(Duration.ofDays(29));
        job.run();
        assertThat(sql.count("SELECT count(*) FROM subscriber")).isEqualTo(2);

        clock.advance(Duration.ofDays(2));
        job.run();
        assertThat(sql.count("SELECT count(*) FROM subscriber WHERE email_key = 'gone@example.com'")).isZero();
        assertThat(sql.count("SELECT count(*) FROM consent_event WHERE subscriber_id = ?", gone)).isZero();
        assertThat(sql.count("SELECT count(*) FROM outbox WHERE recipient = 'gone@example.com'")).isZero();
        assertThat(sql.count("SELECT count(*) FROM subscriber WHERE email_key = 'kept@example.com'")).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id"
                + " WHERE s.email_key = 'kept@example.com'")).as("the confirmed reader's consent stays").isEqualTo(1);
    }
}
