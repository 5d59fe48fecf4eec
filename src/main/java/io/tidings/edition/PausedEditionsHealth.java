package io.tidings.edition;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The {@code editions} health indicator: {@code DEGRADED} while delivery holds an edition paused
 * because the relay refused its sender or its message, naming each with the reason, so the operator
 * learns why its mail stopped without reading logs. The service stays ready; the rows wait for a resume.
 */
@Singleton
class PausedEditionsHealth implements HealthIndicator {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "an edition is paused: the relay refused its sender or its message", true, 500);
    private final EditionRepository editions;
    private final ExecutorService blocking;

    PausedEditionsHealth(EditionRepository editions, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.editions = editions;
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private HealthResult check() {
        List<Edition> paused;
        try {
            paused = editions.pausedWithReason();
        } catch (DataAccessException e) {
            // The jdbc indicator says why the database cannot be read.
            return HealthResult.builder("editions", HealthStatus.UNKNOWN).build();
        }
        if (paused.isEmpty()) {
            return HealthResult.builder("editions", HealthStatus.UP).build();
        }
        List<Map<String, Object>> listed = paused.stream().map(edition -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", edition.id());
            entry.put("frequency", edition.frequency().label());
            entry.put("reason", edition.pausedReason());
            return entry;
        }).toList();
        return HealthResult.builder("editions", DEGRADED).details(Map.of("pausedByRefusals", listed)).build();
    }
}
