package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;

/** The right of access: a reader's record, consent evidence, delivery history and bounces in one document. */
@Singleton
class DataExports {

    private final PreferencesService preferences;
    private final ConsentEventRepository consents;
    private final Outbox outbox;
    private final BounceHistory bounces;
    private final Clock clock;

    DataExports(PreferencesService preferences, ConsentEventRepository consents, Outbox outbox, BounceHistory bounces,
                Clock clock) {
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
                outbox.historyOf(s.id()), bounces.of(s.id()));
    }
}
