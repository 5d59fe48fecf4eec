package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.SubscriberStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operator's view of subscribers: never their tokens or token hashes. */
@Singleton
class SubscriberDirectory {

    static final int PAGE_SIZE = 50;
    private static final String COLUMNS = """
            SELECT id, email, name, status, frequency, created_at, confirmed_at, unsubscribed_at, paused_until,
                   hard_bounces, last_bounce_at FROM subscriber""";
    private final Rows rows;

    SubscriberDirectory(Rows rows) {
        this.rows = rows;
    }

    @Serdeable
    record Listed(long id, String email, @Nullable String name, String state, String frequency, List<String> topics,
                  Instant createdAt, @Nullable Instant confirmedAt, @Nullable Instant unsubscribedAt,
                  @Nullable Instant pausedUntil, int hardBounces, @Nullable Instant lastBounceAt) {
    }

    @Serdeable
    record Page(List<Listed> items, int page, int size, long total) {
    }

    @Serdeable
    record Consent(String kind, String source, @Nullable String policyVersion, Instant recordedAt) {
    }

    @Serdeable
    record Detail(Listed subscriber, List<Consent> consents, Map<String, Long> emails) {
    }

    /**
     * One page of subscribers, newest first.
     *
     * @param state a state to keep, or null for all
     * @param query text the address or name contains, in any case, or null
     */
    @Transactional(readOnly = true)
    Page list(@Nullable String state, @Nullable String query, int page) {
        if (page < 0) {
            throw InvalidInputException.of("page", "must be 0 or more");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            where.append(" AND status = ?");
            parameters.add(parseState(state).name());
        }
        if (query != null && !query.isBlank()) {
            where.append(" AND (LOWER(email) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\')");
            String pattern = "%" + query.strip().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        }
        long total = rows.count("SELECT COUNT(*) FROM subscriber" + where, parameters.toArray());
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(PAGE_SIZE);
        paged.add((long) page * PAGE_SIZE);
        List<Listed> items = withTopics(rows.list(COLUMNS + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                SubscriberDirectory::listed, paged.toArray()));
        return new Page(items, page, PAGE_SIZE, total);
    }

    @Transactional(readOnly = true)
    Detail show(long id) {
        Listed subscriber = rows.list(COLUMNS + " WHERE id = ?", SubscriberDirectory::listed, id).stream()
                .findFirst().orElseThrow(() -> new NotFoundException("no subscriber " + id));
        // The consent record: when and how the reader agreed, or withdrew.
        List<Consent> consents = rows.list("""
                SELECT kind, source, policy_version, recorded_at FROM consent_event
                WHERE subscriber_id = ? ORDER BY recorded_at, id""",
                row -> new Consent(row.getString("kind").toLowerCase(Locale.ROOT),
                        row.getString("source").toLowerCase(Locale.ROOT), row.getString("policy_version"),
                        Rows.instant(row, "recorded_at")), id);
        // The reader's emails by delivery state.
        Map<String, Long> emails = new HashMap<>();
        rows.counts("SELECT status, COUNT(*) FROM outbox WHERE subscriber_id = ? GROUP BY status", id)
                .forEach((status, count) -> emails.put(status.toLowerCase(Locale.ROOT), count));
        return new Detail(withTopics(List.of(subscriber)).get(0), consents, emails);
    }

    private static SubscriberStatus parseState(String state) {
        try {
            return SubscriberStatus.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "must be pending, confirmed, unsubscribed or bounced");
        }
    }

    /** The listed subscribers with their chosen topics, read in one query. */
    private List<Listed> withTopics(List<Listed> listed) {
        if (listed.isEmpty()) {
            return listed;
        }
        String marks = String.join(",", Collections.nCopies(listed.size(), "?"));
        Map<Long, List<String>> topics = new HashMap<>();
        rows.list("SELECT subscriber_id, topic FROM subscriber_topic WHERE subscriber_id IN (" + marks + ") ORDER BY topic",
                row -> Map.entry(row.getLong(1), row.getString(2)), listed.stream().map(Listed::id).toArray())
                .forEach(entry -> topics.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return listed.stream().map(s -> new Listed(s.id(), s.email(), s.name(), s.state(), s.frequency(),
                topics.getOrDefault(s.id(), List.of()), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                s.pausedUntil(), s.hardBounces(), s.lastBounceAt())).toList();
    }

    private static Listed listed(ResultSet row) throws SQLException {
        return new Listed(row.getLong("id"), row.getString("email"), row.getString("name"),
                row.getString("status").toLowerCase(Locale.ROOT), row.getString("frequency").toLowerCase(Locale.ROOT),
                List.of(), Rows.instant(row, "created_at"), Rows.instant(row, "confirmed_at"),
                Rows.instant(row, "unsubscribed_at"), Rows.instant(row, "paused_until"), row.getInt("hard_bounces"),
                Rows.instant(row, "last_bounce_at"));
    }
}
