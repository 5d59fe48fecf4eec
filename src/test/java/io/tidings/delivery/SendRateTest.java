package io.tidings.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateTest {

    private static DeliveryConfig perSecond(long rate) {
        return new DeliveryConfig(1, 1, Duration.ofSeconds(1), Duration.ofMinutes(1), 8, Duration.ofMinutes(2),
                Duration.ofHours(12), rate, 0, Duration.ofMinutes(5));
    }

    @Test
    void a_rate_lets_one_second_of_messages_through_at_once_and_then_paces_the_rest() throws InterruptedException {
        SendRate rate = new SendRate(perSecond(50));
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            rate.acquire();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void no_rate_means_no_wait() throws InterruptedException {
        SendRate rate = new SendRate(perSecond(0));
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            rate.acquire();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }
}
