package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.HistoryConfig;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;

/** The right of access: a reader's record, consent evidence, the delivery history still kept and bounces in one document. */
@Singleton
class DataExports {

    private final PreferencesService preferences;
    private final ConsentEventRepository consents;
    private final Outbox outbox;
    private final BounceHistory bounces;
    private final HistoryConfig history;
    private final Clock clock;

    DataExports(PreferencesService preferences, ConsentEventRepository consents, Outbox outbox, BounceHistory bounces,
                HistoryConfig history, Clock clock) {
        this.history = history;
        this.preferences = preferences;
        this.consents = consents;
        this.outbox = outbox;
        this.bounces = bounces;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    DataExport export(String token) {
        Subscriber s = preferences.holder(token);
        DataExport.Profile profile = new DataExport.Profile(s.email(), s.name(), s.status().name().toLowerCase(Locale.ROOT),
                s.frequency().label(), preferences.topicsOf(s), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                s.pausedUntil());
        return new DataExport(clock.instant(), profile,
                consents.history(s.id()).stream()
                        .map(c -> new DataExport.Consent(c.kind().label(), c.source().name().toLowerCase(Locale.ROOT), c.policyVersion(),
                                c.clientAddress(), c.userAgent(), c.recordedAt()))
                        .toList(),
                outbox.historyOf(s.id()), olderDeliveries(s.id()), bounces.of(s.id()));
    }

    private DataExport.OlderDeliveries olderDeliveries(long subscriberId) {
        long days = history.retention().toDays();
        return new DataExport.OlderDeliveries("Emails are listed for " + days + " days after their edition; older ones are"
                + " not kept, only when the last of them was sent. Bounces and complaints are all listed.",
                days, outbox.lastSentBeforeHistory(subscriberId).orElse(null));
    }
}
