package io.tidings.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/**
 * The health document's overall status is its worst part: any non-operational status (DOWN)
 * first, then the most severe operational one, so a {@code DEGRADED} relay shows at the top while
 * the answer stays 200. Micronaut's own ordering ranks operational statuses as equals and so
 * reports UP or DEGRADED depending on which indicator answered last.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
class OverallHealth extends DefaultHealthAggregator {

    private static final Comparator<HealthStatus> WORSE_LAST = Comparator
            .comparing((HealthStatus status) -> !status.getOperational().orElse(true))
            .thenComparing(status -> status.getSeverity().orElse(0));

    OverallHealth(ApplicationConfiguration application) {
        super(application);
    }

    @Override
    protected HealthStatus calculateOverallStatus(List<HealthResult> results) {
        return results.stream()
                .map(HealthResult::getStatus)
                .filter(status -> !HealthStatus.UNKNOWN.equals(status))
                .max(WORSE_LAST)
                .orElse(HealthStatus.UNKNOWN);
    }
}
