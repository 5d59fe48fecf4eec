package io.tidings.web;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The overall health status is its worst part, whichever order the indicators answer in. */
class OverallHealthTest {

    private static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", null, true, 500);
    private final OverallHealth health = new OverallHealth(new ApplicationConfiguration());

    @Test
    void a_down_database_outranks_a_degraded_relay_and_the_answer_is_not_operational() {
        HealthStatus status = overall(HealthStatus.UP, DEGRADED, HealthStatus.DOWN);

        assertThat(status).isEqualTo(HealthStatus.DOWN);
        assertThat(status.getOperational()).hasValue(false);
        assertThat(overall(HealthStatus.DOWN, DEGRADED, HealthStatus.UP)).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void a_degraded_part_shows_on_top_in_either_order() {
        assertThat(overall(HealthStatus.UP, DEGRADED)).isEqualTo(DEGRADED);
        assertThat(overall(DEGRADED, HealthStatus.UP)).isEqualTo(DEGRADED);
    }

    @Test
    void a_part_not_yet_checked_does_not_hide_the_others() {
        assertThat(overall(HealthStatus.UNKNOWN, HealthStatus.UP)).isEqualTo(HealthStatus.UP);
        assertThat(overall(HealthStatus.UNKNOWN)).isEqualTo(HealthStatus.UNKNOWN);
    }

    private HealthStatus overall(HealthStatus... parts) {
        List<HealthResult> results = Arrays.stream(parts)
                .map(part -> HealthResult.builder("part", part).build())
                .toList();
        return health.calculateOverallStatus(results);
    }
}
