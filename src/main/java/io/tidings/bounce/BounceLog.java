package io.tidings.bounce;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.mail.BounceType;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one pipeline for everything that comes back (the relay's refusals, the bounce mailbox, the
 * webhooks): each report is matched to our message and reader, stored in {@code bounce}, counted, and
 * acted on, all in the caller's transaction or one of its own. A mailbox message may be removed only
 * after {@link #record} returned, so that what it said is committed first.
 */
@Singleton
public class BounceLog {

    private static final int TEXT_MAX = 1000;
    private final BounceMatches matches;
    private final BounceActions actions;
    private final BounceRepository bounces;
    private final BounceMetrics metrics;

    BounceLog(BounceMatches matches, BounceActions actions, BounceRepository bounces, BounceMetrics metrics) {
        this.matches = matches;
        this.actions = actions;
        this.bounces = bounces;
        this.metrics = metrics;
    }

    /** Matches, records and acts on reports; one outcome for each, in their order. */
    @Transactional
    public List<Outcome> record(List<Report> reports) {
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        for (Report report : reports) {
            outcomes.add(record(report));
        }
        return outcomes;
    }

    private Outcome record(Report report) {
        if (report.type() == BounceType.AUTO_REPLY) {
            metrics.counted(report.type(), report.source());
            return new Outcome.Ignored("auto-reply");
        }
        Optional<BounceMatches.Match> found = matches.match(report.clues());
        if (found.isEmpty()) {
            return new Outcome.Ignored("names no message or reader of ours");
        }
        BounceMatches.Match match = found.get();
        if (match.messageId() != null && bounces.countAbout(match.messageId(), report.type().label()) > 0) {
            return new Outcome.Ignored("already recorded");
        }
        return store(match, report);
    }

    /** Stores a report already matched (a refusal during SMTP names its row itself) and acts on it. */
    Outcome.Recorded store(BounceMatches.Match match, Report report) {
        Bounce stored = bounces.save(new Bounce(null, match.subscriberId(), match.messageId(), match.editionId(),
                truncate(match.recipient(), 254), report.type().label(), truncate(report.status(), 16),
                truncate(report.diagnostic(), TEXT_MAX), report.source().label(), report.at(), null));
        if (match.subscriberId() != null) {
            actions.act(match.subscriberId(), report.type(), report.source(), report.at());
        }
        metrics.counted(report.type(), report.source());
        return new Outcome.Recorded(stored.id(), match.subscriberId());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
