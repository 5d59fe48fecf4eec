package io.tidings.edition;

import io.tidings.subscription.Frequency;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditionScheduleTest {

    private final EditionSchedule berlin = new EditionSchedule(
            new EditionConfig("0 0 7 * * *", "0 0 7 * * MON", ZoneId.of("Europe/Berlin"), true, null, 20));

    @Test
    void the_slot_is_the_latest_cron_time_at_or_before_now_in_the_configured_zone() {
        // 07:00 in Berlin is 06:00 UTC in winter.
        assertThat(berlin.slotAt(Frequency.DAILY, Instant.parse("2026-11-24T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(berlin.slotAt(Frequency.DAILY, Instant.parse("2026-11-24T05:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(berlin.slotAt(Frequency.DAILY, Instant.parse("2026-11-24T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    }

    @Test
    void weekly_slots_fall_on_monday_mornings_across_a_daylight_saving_change() {
        // Sunday 2026-11-29: the slot is Monday the 23rd.
        assertThat(berlin.slotAt(Frequency.WEEKLY, Instant.parse("2026-11-29T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
        // Summer time ended on 2026-10-25: Monday 2026-10-19 07:00 was 05:00 UTC.
        assertThat(berlin.slotAt(Frequency.WEEKLY, Instant.parse("2026-10-25T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-19T05:00:00Z"));
    }

    @Test
    void a_cron_that_fires_too_rarely_is_refused() {
        EditionSchedule yearly = new EditionSchedule(
                new EditionConfig("0 0 7 1 1 *", "0 0 7 * * MON", ZoneId.of("UTC"), true, null, 20));

        assertThatThrownBy(() -> yearly.slotAt(Frequency.DAILY, Instant.parse("2026-11-24T06:00:00Z")))
                .hasMessageContaining("fires less than once");
    }
}
