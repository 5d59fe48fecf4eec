package io.tidings.bounce.webhook;

import io.tidings.bounce.BounceLog;
import io.tidings.bounce.Outcome;
import io.tidings.bounce.Report;
import jakarta.inject.Singleton;

import java.util.List;

/** Hands what a provider said to the bounce pipeline, the same one every other way in uses. */
@Singleton
class ProviderReports {

    private final BounceLog log;

    ProviderReports(BounceLog log) {
        this.log = log;
    }

    /**
     * Records the reports in one transaction (the caller's, where it has one).
     *
     * @param skipped events of the request that say nothing about a bounce (deliveries, opens)
     */
    WebhookAnswer record(List<Report> reports, int skipped) {
        List<Outcome> outcomes = reports.isEmpty() ? List.of() : log.record(reports);
        int recorded = (int) outcomes.stream().filter(Outcome.Recorded.class::isInstance).count();
        return new WebhookAnswer(recorded, outcomes.size() - recorded + skipped);
    }
}
