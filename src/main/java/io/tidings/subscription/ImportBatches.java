package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds a batch of checked import rows in a few set-based statements, with what
 * {@link ImportedSubscribers#add} does row by row: new readers go in confirmed, with their topics
 * and consent record; known ones are skipped or refused as that method would; an erased or
 * suppressed address is refused. The rare rows that need a lock (a reader still pending, an
 * address twice in one batch) take the row-by-row way.
 */
@Singleton
class ImportBatches {

    private static final String INSERT_SUBSCRIBERS = """
            INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at, confirmed_at)""";
    private static final String SUBSCRIBER_ROW = "(?, ?, ?, ?, 'CONFIRMED', ?, ?, ?, ?)";
    private final JdbcOperations jdbc;
    private final SubscriberRepository subscribers;
    private final Erasures erasures;
    private final ImportedSubscribers oneByOne;
    private final ManageTokens manageTokens;
    private final Clock clock;

    ImportBatches(JdbcOperations jdbc, SubscriberRepository subscribers, Erasures erasures, ImportedSubscribers oneByOne,
                  ManageTokens manageTokens, Clock clock) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        this.erasures = erasures;
        this.oneByOne = oneByOne;
        this.manageTokens = manageTokens;
        this.clock = clock;
    }

    /** A row not added: its line, address and why. */
    /** @param email null for an address kept only as a hash (erased, suppressed) */
    record Rejection(long line, @Nullable String email, String reason) {
    }

    /** What a batch did. */
    record Outcome(int imported, int skipped, List<Rejection> rejected) {
    }

    /** Adds the readers of one batch, in the caller's transaction. */
    @Transactional
    Outcome add(List<ImportRows.Candidate> batch) {
        Map<String, ImportRows.Candidate> firsts = new LinkedHashMap<>();
        List<ImportRows.Candidate> again = new ArrayList<>();
        for (ImportRows.Candidate candidate : batch) {
            if (firsts.putIfAbsent(candidate.wanted().email().key(), candidate) != null) {
                again.add(candidate);
            }
        }
        Erasures.Barred barred = erasures.barred(firsts.keySet());
        Map<String, KnownAddress> known = byKey(subscribers.known(firsts.keySet()));
        int imported = 0;
        int skipped = 0;
        List<Rejection> rejected = new ArrayList<>();
        Map<String, ImportRows.Candidate> fresh = new LinkedHashMap<>();
        Map<String, String> uids = new HashMap<>();
        for (ImportRows.Candidate candidate : firsts.values()) {
            String key = candidate.wanted().email().key();
            KnownAddress here = known.get(key);
            ImportedSubscribers.Refused refused = barred.erased().contains(key) ? ImportedSubscribers.ERASED
                    : barred.suppressed().contains(key) ? ImportedSubscribers.SUPPRESSED
                    : here == null ? null : ImportedSubscribers.refusal(here.status());
            if (refused != null) {
                if (refused.skipped()) {
                    skipped++;
                } else {
                    rejected.add(rejection(candidate, refused));
                }
            } else if (here != null) {
                again.add(candidate);
            } else {
                fresh.put(key, candidate);
                uids.put(key, UUID.randomUUID().toString().replace("-", ""));
            }
        }
        Map<String, KnownAddress> added = insert(fresh, uids);
        for (ImportRows.Candidate candidate : fresh.values()) {
            if (added.containsKey(candidate.wanted().email().key())) {
                imported++;
            } else {
                // Someone subscribed with the address between the look-up and the insert.
                again.add(candidate);
            }
        }
        for (ImportRows.Candidate candidate : again) {
            ImportedSubscribers.Refused refused = oneByOne.add(candidate.wanted(), candidate.evidence(), candidate.consentedAt());
            if (refused == null) {
                imported++;
            } else if (refused.skipped()) {
                skipped++;
            } else {
                rejected.add(rejection(candidate, refused));
            }
        }
        return new Outcome(imported, skipped, rejected);
    }

    /** Inserts the new readers confirmed, with their topics and consent; those this batch added, by key. */
    private Map<String, KnownAddress> insert(Map<String, ImportRows.Candidate> fresh, Map<String, String> uids) {
        if (fresh.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        fresh.forEach((key, c) -> rows.add(new Object[] {uids.get(key), c.wanted().email().value(), key, c.wanted().name(),
                c.wanted().frequency().name(), manageTokens.hashFor(uids.get(key)), now, c.consentedAt()}));
        ManyRows.insert(jdbc, INSERT_SUBSCRIBERS, SUBSCRIBER_ROW, "ON CONFLICT DO NOTHING", rows);
        Map<String, KnownAddress> added = new HashMap<>();
        for (KnownAddress address : subscribers.known(fresh.keySet())) {
            if (address.uid().equals(uids.get(address.emailKey()))) {
                added.put(address.emailKey(), address);
            }
        }
        List<Object[]> topics = new ArrayList<>();
        List<Object[]> consents = new ArrayList<>();
        added.forEach((key, address) -> {
            ImportRows.Candidate c = fresh.get(key);
            c.wanted().topics().forEach(topic -> topics.add(new Object[] {address.id(), topic}));
            consents.add(new Object[] {address.id(), ConsentKind.IMPORTED.label(), Source.IMPORT.name(), c.consentedAt(), c.evidence()});
        });
        ManyRows.insert(jdbc, "INSERT INTO subscriber_topic (subscriber_id, topic)", "(?, ?)", "", topics);
        ManyRows.insert(jdbc, "INSERT INTO consent_event (subscriber_id, kind, source, recorded_at, evidence)",
                "(?, ?, ?, ?, ?)", "", consents);
        return added;
    }

    private static Map<String, KnownAddress> byKey(List<KnownAddress> addresses) {
        Map<String, KnownAddress> byKey = new HashMap<>();
        addresses.forEach(address -> byKey.put(address.emailKey(), address));
        return byKey;
    }

    /**
     * A refused row as its rejected line. An erased or suppressed address is kept only as a keyed hash
     * (see {@link Erasures}): its line names it by line number alone, which finds it in the operator's file.
     */
    private static Rejection rejection(ImportRows.Candidate candidate, ImportedSubscribers.Refused refused) {
        boolean hashedOnly = refused == ImportedSubscribers.ERASED || refused == ImportedSubscribers.SUPPRESSED;
        return new Rejection(candidate.line(), hashedOnly ? null : candidate.wanted().email().value(), refused.reason());
    }
}
