package io.tidings.subscription;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscribers as other features see them: state, topics and their personal links. */
@Singleton
public class SubscriberProfiles {

    /** Subscribers and their topics ';'-joined, in one round trip: a worker reads those of a whole claim. */
    private static final String PROFILES = """
            SELECT s.id, s.uid, s.email, s.name, s.status, s.frequency, s.paused_until,
                   (SELECT STRING_AGG(t.topic, ';' ORDER BY t.topic) FROM subscriber_topic t WHERE t.subscriber_id = s.id)
            FROM subscriber s WHERE s.id = ANY(?)""";
    private final JdbcOperations jdbc;
    private final SubscriberRepository subscribers;
    private final SubscriberTopicRepository topics;
    private final ManageTokens manageTokens;
    private final SiteConfig site;

    SubscriberProfiles(JdbcOperations jdbc, SubscriberRepository subscribers, SubscriberTopicRepository topics,
                       ManageTokens manageTokens, SiteConfig site) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        this.topics = topics;
        this.manageTokens = manageTokens;
        this.site = site;
    }

    /**
     * The readers with these ids, by id; an id with no subscriber (erased) is absent. Read in plain JDBC:
     * on the send path, where Micronaut Data's row mapper (a reflective look-up of each column's name
     * for every row) cost more than the query.
     */
    @Connectable
    public Map<Long, SubscriberProfile> byIds(Collection<Long> subscriberIds) {
        return jdbc.prepareStatement(PROFILES, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("bigint", subscriberIds.toArray()));
            Map<Long, SubscriberProfile> found = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime pausedUntil = row.getObject(7, OffsetDateTime.class);
                    String topics = row.getString(8);
                    found.put(row.getLong(1), profile(row.getLong(1), row.getString(2), row.getString(3),
                            row.getString(4), SubscriberStatus.valueOf(row.getString(5)), Frequency.valueOf(row.getString(6)),
                            topics == null ? List.of() : List.of(topics.split(";")),
                            pausedUntil == null ? null : pausedUntil.toInstant()));
                }
            }
            return found;
        });
    }

    /** The subscriber with this address, however it is spelled; an invalid address is refused as input. */
    public Optional<SubscriberProfile> byEmail(String email) {
        return subscribers.findByEmailKey(EmailAddress.parse(email).key()).map(this::profile);
    }

    private SubscriberProfile profile(Subscriber s) {
        return profile(s.id(), s.uid(), s.email(), s.name(), s.status(), s.frequency(), topics.topicsOf(s.id()), s.pausedUntil());
    }

    private SubscriberProfile profile(long id, String uid, String email, String name, SubscriberStatus status, Frequency frequency,
                          List<String> chosen, Instant pausedUntil) {
        String token = URLEncoder.encode(manageTokens.tokenFor(uid), StandardCharsets.UTF_8);
        return new SubscriberProfile(id, email, name, status, frequency, chosen, site.link("/unsubscribe?token=" + token),
                site.link("/preferences?token=" + token), pausedUntil);
    }
}
