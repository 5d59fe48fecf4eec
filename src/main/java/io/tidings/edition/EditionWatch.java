package io.tidings.edition;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.delivery.MessageStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Watches the editions still sending: at a steady interval it logs a progress line for each
 * (sent of total, rate, time left: the dashboard's line) and publishes
 * {@code tidings_edition_messages{edition,status}}. An edition whose messages all reached a final
 * state is marked complete, logged once across instances, and dropped from the gauge.
 */
@Singleton
class EditionWatch {

    private static final Logger LOG = LoggerFactory.getLogger(EditionWatch.class);
    private final EditionRepository editions;
    private final EditionReports reports;
    private final Clock clock;
    private final MultiGauge messages;

    EditionWatch(EditionRepository editions, EditionReports reports, MeterRegistry registry, Clock clock) {
        this.editions = editions;
        this.reports = reports;
        this.clock = clock;
        this.messages = MultiGauge.builder("tidings.edition.messages")
                .description("Digests of each edition still sending, by outbox status")
                .register(registry);
    }

    @Scheduled(fixedDelay = "${tidings.editions.progress-interval}", initialDelay = "${tidings.editions.progress-interval}")
    void watch() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Edition edition : editions.unfinished()) {
            EditionProgress progress = reports.progress(edition);
            if (progress.state() == EditionState.COMPLETE) {
                completed(edition, progress);
                continue;
            }
            progress.delivery().forEach((status, count) ->
                    rows.add(MultiGauge.Row.of(Tags.of("edition", edition.id().toString(), "status", status), count)));
            if (progress.state() == EditionState.SENDING) {
                LOG.info("Edition {} ({}): {}", edition.id(), progress.frequency(), progress.summary());
            }
        }
        messages.register(rows, true);
    }

    private void completed(Edition edition, EditionProgress progress) {
        if (editions.markCompleted(edition.id(), clock.instant()) == 1) {
            LOG.info("Edition {} ({}) complete: {} sent, {} failed, {} suppressed, in {}", edition.id(),
                    progress.frequency(), progress.count(MessageStatus.SENT), progress.count(MessageStatus.FAILED),
                    progress.count(MessageStatus.SUPPRESSED), human(Duration.between(edition.createdAt(), clock.instant())));
        }
    }

    private static String human(Duration duration) {
        return duration.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
