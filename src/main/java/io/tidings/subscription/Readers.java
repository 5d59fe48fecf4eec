package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Subscribers as other features see them: state, topics and their personal links. */
@Singleton
public class Readers {

    private final SubscriberRepository subscribers;
    private final SubscriberTopicRepository topics;
    private final ManageTokens manageTokens;
    private final SiteConfig site;

    Readers(SubscriberRepository subscribers, SubscriberTopicRepository topics, ManageTokens manageTokens, SiteConfig site) {
        this.subscribers = subscribers;
        this.topics = topics;
        this.manageTokens = manageTokens;
        this.site = site;
    }

    public Optional<Reader> byId(long subscriberId) {
        return subscribers.findById(subscriberId).map(this::reader);
    }

    /** The subscriber with this address, however it is spelled; an invalid address is refused as input. */
    public Optional<Reader> byEmail(String email) {
        return subscribers.findByEmailKey(EmailAddress.parse(email).key()).map(this::reader);
    }

    private Reader reader(Subscriber subscriber) {
        String token = URLEncoder.encode(manageTokens.tokenFor(subscriber.uid()), StandardCharsets.UTF_8);
        return new Reader(subscriber.id(), subscriber.email(), subscriber.name(), subscriber.status(),
                subscriber.frequency(), topics.topicsOf(subscriber.id()), site.link("/unsubscribe?token=" + token),
                site.link("/preferences?token=" + token), subscriber.pausedUntil());
    }
}
