package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.Database;
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
 * Adds a batch of checked import rows in a few set-based statements, its hashes worked out beforehand, with what
 * {@link ImportedSubscribers#add} does row by row: new readers go in confirmed, with their topics
 * and consent record; known ones are skipped or refused as that method would; an erased or
 * suppressed address is refused. The rare rows that need a lock (a reader still pending, an
 * address twice in one batch) take the row-by-row way.
 */
@Singleton
class ImportBatches {

    private static final ManyRows.Insert INSERT_SUBSCRIBERS = new ManyRows.Insert("""
            INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at, confirmed_at)""",
            "(?, ?, ?, ?, 'CONFIRMED', ?, ?, ?, ?)", "ON CONFLICT DO NOTHING",
            "text", "text", "text", "text", "text", "text", "timestamptz", "timestamptz");
    private static final ManyRows.Insert INSERT_TOPICS = new ManyRows.Insert(
            "INSERT INTO subscriber_topic (subscriber_id, topic)", "(?, ?)", "", "bigint", "text");
    private static final ManyRows.Insert INSERT_CONSENTS = new ManyRows.Insert(
            "INSERT INTO consent_event (subscriber_id, kind, source, recorded_at, evidence)", "(?, ?, ?, ?, ?)", "",
            "bigint", "text", "text", "timestamptz", "text");
    private final JdbcOperations jdbc;
    private final SubscriberRepository subscribers;
    private final Erasures erasures;
    private final ImportedSubscribers oneByOne;
    private final ManageTokens manageTokens;
    private final Clock clock;
    private final boolean fromArrays;

    ImportBatches(JdbcOperations jdbc, SubscriberRepository subscribers, Erasures erasures, ImportedSubscribers oneByOne,
                  ManageTokens manageTokens, Clock clock, Database database) {
        this.jdbc = jdbc;
        this.fromArrays = database.updatesFromArrays();
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

    /** A new address of a batch, with what adding it takes that needs no database. */
    record Fresh(ImportRows.Candidate candidate, String key, String barHash, String uid, String manageTokenHash) {
    }

    /** A batch ready for the database: each address's first row, and the rows that repeat one. */
    record Prepared(List<Fresh> firsts, List<ImportRows.Candidate> again) {
    }

    /** The CPU work of a batch (hashes, ids), which needs no transaction and may run beside another batch's. */
    Prepared prepare(List<ImportRows.Candidate> batch) {
        Map<String, Fresh> firsts = new LinkedHashMap<>();
        List<ImportRows.Candidate> again = new ArrayList<>();
        for (ImportRows.Candidate candidate : batch) {
            String key = candidate.wanted().email().key();
            if (firsts.containsKey(key)) {
                again.add(candidate);
            } else {
                String uid = UUID.randomUUID().toString().replace("-", "");
                firsts.put(key, new Fresh(candidate, key, erasures.hash(key), uid, manageTokens.hashFor(uid)));
            }
        }
        return new Prepared(List.copyOf(firsts.values()), again);
    }

    /**
     * Adds the readers of one prepared batch, in the caller's transaction. Addresses are inserted first
     * and only those already here (none, in a first import) are looked up: one index probe a row fewer.
     */
    @Transactional
    Outcome add(Prepared batch) {
        Map<String, String> keysByHash = new HashMap<>();
        batch.firsts().forEach(fresh -> keysByHash.put(fresh.barHash(), fresh.key()));
        Erasures.Barred barred = erasures.barred(keysByHash);
        int skipped = 0;
        List<Rejection> rejected = new ArrayList<>();
        List<Fresh> allowed = new ArrayList<>();
        for (Fresh first : batch.firsts()) {
            ImportedSubscribers.Refused refused = barred.erased().contains(first.key()) ? ImportedSubscribers.ERASED
                    : barred.suppressed().contains(first.key()) ? ImportedSubscribers.SUPPRESSED : null;
            if (refused == null) {
                allowed.add(first);
            } else {
                rejected.add(rejection(first.candidate(), refused));
            }
        }
        Map<String, Long> added = insert(allowed);
        int imported = added.size();
        List<String> present = allowed.stream().map(Fresh::key).filter(key -> !added.containsKey(key)).toList();
        Map<String, KnownAddress> known = present.isEmpty() ? Map.of() : byKey(subscribers.known(present));
        List<ImportRows.Candidate> again = new ArrayList<>(batch.again());
        for (Fresh first : allowed) {
            if (added.containsKey(first.key())) {
                continue;
            }
            KnownAddress here = known.get(first.key());
            ImportedSubscribers.Refused refused = here == null ? null : ImportedSubscribers.refusal(here.status());
            if (refused == null) {
                // Pending here (an import confirms them), or gone since the insert: the row-by-row way decides.
                again.add(first.candidate());
            } else if (refused.skipped()) {
                skipped++;
            } else {
                rejected.add(rejection(first.candidate(), refused));
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

    /** Inserts the new readers confirmed, with their topics and consent; the ids of those this batch added, by key. */
    private Map<String, Long> insert(List<Fresh> fresh) {
        if (fresh.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        fresh.forEach(f -> rows.add(new Object[] {f.uid(), f.candidate().wanted().email().value(), f.key(),
                f.candidate().wanted().name(), f.candidate().wanted().frequency().name(), f.manageTokenHash(), now,
                f.candidate().consentedAt()}));
        Map<String, Long> added = new HashMap<>();
        ManyRows.insertReturning(jdbc, fromArrays, INSERT_SUBSCRIBERS, rows, new String[] {"id", "email_key"},
                inserted -> added.put(inserted.getString(2), inserted.getLong(1)));
        List<Object[]> topics = new ArrayList<>();
        List<Object[]> consents = new ArrayList<>();
        for (Fresh f : fresh) {
            Long id = added.get(f.key());
            if (id != null) {
                f.candidate().wanted().topics().forEach(topic -> topics.add(new Object[] {id, topic}));
                consents.add(new Object[] {id, ConsentKind.IMPORTED.label(), Source.IMPORT.name(), f.candidate().consentedAt(),
                        f.candidate().evidence()});
            }
        }
        ManyRows.insert(jdbc, fromArrays, INSERT_TOPICS, topics);
        ManyRows.insert(jdbc, fromArrays, INSERT_CONSENTS, consents);
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
