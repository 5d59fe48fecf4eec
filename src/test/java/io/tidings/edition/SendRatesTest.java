package io.tidings.edition;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SendRatesTest {

    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");
    private final SendRates rates = new SendRates();

    private double look(long edition, long finished, long secondsIn) {
        return rates.perSecond(edition, finished, START.plusSeconds(secondsIn));
    }

    @Test
    void the_first_look_has_no_rate_and_the_next_ones_measure_from_it() {
        assertThat(look(1, 0, 0)).isZero();
        assertThat(look(1, 500, 10)).isCloseTo(50, within(0.001));
        assertThat(look(1, 1_500, 20)).isCloseTo(75, within(0.001));
    }

    @Test
    void the_rate_covers_the_last_minute_only() {
        look(1, 0, 0);
        look(1, 6_000, 30);
        look(1, 12_000, 60);
        // From the look 60 s back on: the first look left the window.
        assertThat(look(1, 12_600, 90)).isCloseTo((12_600 - 6_000) / 60.0, within(0.001));
        // Nothing finished in the minute since.
        assertThat(look(1, 12_600, 150)).isZero();
    }

    @Test
    void looks_closer_than_a_second_add_no_sample() {
        look(1, 0, 0);
        assertThat(rates.perSecond(1, 100, START.plusMillis(400))).isZero();
        assertThat(look(1, 200, 2)).isCloseTo(100, within(0.001));
    }

    @Test
    void each_edition_has_its_own_rate() {
        look(1, 0, 0);
        look(2, 1_000, 0);
        assertThat(look(1, 100, 10)).isCloseTo(10, within(0.001));
        assertThat(look(2, 3_000, 10)).isCloseTo(200, within(0.001));
    }

    @Test
    void after_a_long_silence_an_edition_starts_again() {
        look(1, 0, 0);
        look(1, 100, 10);
        assertThat(look(1, 50_000, 10 + 180)).isZero();
        assertThat(look(1, 50_500, 200)).isCloseTo(50, within(0.001));
    }
}
