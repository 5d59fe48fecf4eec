package io.tidings.support;

import io.tidings.core.Tokens;
import io.tidings.subscription.ManageTokens;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

/** Readers and articles written straight into the database, as earlier requests would have left them. */
public final class EditionFixtures {

    private final Sql sql;
    private final ManageTokens manageTokens;

    public EditionFixtures(Sql sql, ManageTokens manageTokens) {
        this.sql = sql;
        this.manageTokens = manageTokens;
    }

    public void clear() {
        sql.update("DELETE FROM bounce");
        sql.update("DELETE FROM suppressed_address");
        sql.update("DELETE FROM outbox");
        sql.update("DELETE FROM edition");
        sql.update("DELETE FROM article");
        // Consent records keep no foreign key to go with their readers (V30).
        sql.update("DELETE FROM consent_event");
        sql.update("DELETE FROM subscriber");
    }

    /** A subscriber in the given state whose unsubscribe link works; returns its id. */
    public long reader(String email, String name, String frequency, String status, String... topics) {
        String uid = UUID.randomUUID().toString().replace("-", "");
        sql.update("""
                INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at, confirmed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                uid, email, email.toLowerCase(), name, status, frequency, Tokens.sha256(manageTokens.tokenFor(uid)));
        long id = sql.count("SELECT id FROM subscriber WHERE uid = ?", uid);
        for (String topic : topics) {
            sql.update("INSERT INTO subscriber_topic (subscriber_id, topic) VALUES (?, ?)", id, topic);
        }
        return id;
    }

    /** An article first seen at {@code seen}; returns its id. */
    public long article(String title, Instant seen, String... topics) {
        String url = "https://site.example/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        Timestamp at = Timestamp.from(seen);
        sql.update("""
                INSERT INTO article (url, title, summary, author, published_at, updated_at, source, content_hash, first_seen_at, in_digests)
                VALUES (?, ?, ?, 'Dr. Jane Roe', ?, ?, 'api', 'h', ?, TRUE)""",
                url, title, "Summary of " + title + ".", at, at, at);
        long id = sql.count("SELECT id FROM article WHERE url = ?", url);
        for (String topic : topics) {
            sql.update("INSERT INTO article_topic (article_id, topic) VALUES (?, ?)", id, topic);
        }
        return id;
    }

    /**
     * {@code count} articles on every topic, as a flooding feed leaves them: {@code <prefix> 0001} is the
     * newest, each next one a minute older, all first seen at {@code seen}, in one JDBC batch.
     */
    public void articles(String prefix, int count, Instant seen) {
        sql.batch("""
                INSERT INTO article (url, title, summary, author, published_at, updated_at, source, content_hash, first_seen_at, in_digests)
                VALUES (?, ?, 'A summary of the usual length, a sentence or two about what the article says.', NULL, ?, ?, 'feed', 'h', ?, TRUE)""",
                IntStream.rangeClosed(1, count).mapToObj(n -> {
                    String title = String.format("%s %04d", prefix, n);
                    Timestamp published = Timestamp.from(seen.minusSeconds(60L * n));
                    return new Object[] {"https://feed.example/" + n, title, published, published, Timestamp.from(seen)};
                }).toList());
    }

    /**
     * {@code count} confirmed weekly readers of every topic, {@code <prefix><n>@example.com} for n from 1,
     * in one JDBC batch. Their stored manage-token hash is a placeholder: enough for sending, not for clicking links.
     */
    public void readers(String prefix, int count) {
        sql.batch("""
                INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at, confirmed_at)
                VALUES (?, ?, ?, NULL, 'CONFIRMED', 'WEEKLY', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                IntStream.rangeClosed(1, count).mapToObj(n -> {
                    String email = prefix + n + "@example.com";
                    String uid = UUID.randomUUID().toString().replace("-", "");
                    return new Object[] {uid, email, email, "h-" + uid};
                }).toList());
    }

    public long digestsTo(String email) {
        return sql.count("SELECT COUNT(*) FROM outbox WHERE kind = 'DIGEST' AND recipient = ?", email);
    }
}
