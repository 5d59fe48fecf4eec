package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.article.DigestArticle;
import io.tidings.core.NotFoundException;
import io.tidings.core.SiteConfig;
import io.tidings.subscription.Frequency;
import io.tidings.subscription.SubscriberProfile;
import io.tidings.subscription.SubscriberProfiles;
import jakarta.inject.Singleton;

import java.util.List;

/** The HTML the next edition would bring one reader, or anyone, without queueing anything. */
@Singleton
class EditionPreviews {

    private final NextDigests next;
    private final DigestRenderer renderer;
    private final SubscriberProfiles profiles;
    private final SiteConfig site;

    EditionPreviews(NextDigests next, DigestRenderer renderer, SubscriberProfiles profiles, SiteConfig site) {
        this.next = next;
        this.renderer = renderer;
        this.profiles = profiles;
        this.site = site;
    }

    @Transactional(readOnly = true)
    String preview(Frequency frequency, @Nullable String email) {
        EditionContent content = next.content(frequency);
        if (content.articles().isEmpty()) {
            throw new NotFoundException("nothing is new since the last " + frequency.label() + " edition");
        }
        if (email == null || email.isBlank()) {
            return renderer.merge(renderer.render(content, content.articles(), false, false), null,
                    site.link("/unsubscribe"), site.link("/preferences")).html().text();
        }
        SubscriberProfile subscriber = profiles.byEmail(email)
                .orElseThrow(() -> new NotFoundException("no subscriber has that address"));
        List<DigestArticle> articles = content.forTopics(subscriber.topics());
        if (articles.isEmpty()) {
            throw new NotFoundException("none of the new articles is on this reader's topics: they would get no email");
        }
        return renderer.merge(renderer.render(content, articles, subscriber.name() != null, false), subscriber.name(),
                subscriber.unsubscribeUrl(), subscriber.preferencesUrl()).html().text();
    }
}
