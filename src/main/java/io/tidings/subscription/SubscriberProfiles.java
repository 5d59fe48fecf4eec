package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscribers as other features see them: state, topics and their personal links. */
@Singleton
public class SubscriberProfiles {

    private final SubscriberRepository subscribers;
    private final SubscriberTopicRepository topics;
    private final ManageTokens manageTokens;
    private final SiteConfig site;

    SubscriberProfiles(SubscriberRepository subscribers, SubscriberTopicRepository topics, ManageTokens manageTokens, SiteConfig site) {
        this.subscribers = subscribers;
        this.topics = topics;
        this.manageTokens = manageTokens;
        this.site = site;
    }

    /** The readers with these ids, by id; an id with no subscriber (erased) is absent. */
    public Map<Long, SubscriberProfile> byIds(Collection<Long> subscriberIds) {
        Map<Long, SubscriberProfile> found = new HashMap<>();
        subscribers.findProfiles(subscriberIds).forEach(row -> found.put(row.id(), profile(row.id(), row.uid(),
                row.email(), row.name(), row.status(), row.frequency(),
                row.topics() == null ? List.of() : List.of(row.topics().split(";")), row.pausedUntil())));
        return found;
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
