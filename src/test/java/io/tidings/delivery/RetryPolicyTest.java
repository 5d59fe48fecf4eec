package io.tidings.delivery;

import io.tidings.mail.SendFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(new DeliveryConfig(1, 1, Duration.ofSeconds(1),
            Duration.ofMinutes(1), 8, Duration.ofMinutes(2), Duration.ofHours(12), 0, 0, Duration.ofMinutes(5)));

    @Test
    void a_wait_the_relay_names_in_its_answer_is_read_in_seconds_or_minutes() {
        assertThat(RetryPolicy.asked("451 4.7.1 Greylisted, please try again in 300 seconds")).isEqualTo(300_000);
        assertThat(RetryPolicy.asked("450 4.2.0 Greylisted for 2 minutes")).isEqualTo(120_000);
        assertThat(RetryPolicy.asked("421 4.7.0 Try again after 90 s")).isEqualTo(90_000);
        assertThat(RetryPolicy.asked("450 4.2.0 Greylisted, see http://postgrey.example/help/example.com.html")).isZero();
        assertThat(RetryPolicy.asked("452 4.2.2 Mailbox full in 2 mailboxes")).isZero();
    }

    @Test
    void a_lost_connection_waits_between_half_and_all_of_the_first_retry_then_three_times_more() {
        SendFailure lost = new SendFailure(false, -1, "Connection reset", null);
        for (int i = 0; i < 100; i++) {
            assertThat(policy.nextAttempt(NOW, 1, lost)).isBetween(NOW.plusSeconds(60), NOW.plusSeconds(120));
            assertThat(policy.nextAttempt(NOW, 2, lost)).isBetween(NOW.plusSeconds(180), NOW.plusSeconds(360));
        }
    }
}
