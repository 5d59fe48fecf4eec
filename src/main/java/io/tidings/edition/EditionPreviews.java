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

/** The HTML an edition, made or next, would bring one reader, or anyone, without queueing anything. */
@Singleton
class EditionPreviews {

    private final NextDigests next;
    private final EditionContents contents;
    private final DigestRenderer renderer;
    private final SubscriberProfiles profiles;
    private final SiteConfig site;

    EditionPreviews(NextDigests next, EditionContents contents, DigestRenderer renderer, SubscriberProfiles profiles,
                    SiteConfig site) {
        this.next = next;
        this.contents = contents;
        this.renderer = renderer;
        this.profiles = profiles;
        this.site = site;
    }

    /** The next edition of {@code frequency} as the reader with this address (or a sample reader, when null) would get it. */
    @Transactional(readOnly = true)
    String preview(Frequency frequency, @Nullable String email) {
        EditionContent content = next.content(frequency);
        if (content.articles().isEmpty()) {
            throw new NotFoundException("nothing is new since the last " + frequency.label() + " edition");
        }
        if (email == null || email.isBlank()) {
            return sample(content);
        }
        SubscriberProfile reader = profiles.byEmail(email)
                .orElseThrow(() -> new NotFoundException("no subscriber has that address"));
        return personal(content, reader, reader.unsubscribeUrl(), reader.preferencesUrl());
    }

    /**
     * An edition made already as one reader (or a sample reader, when null) got it or would get it: their
     * name and topics, but the test copy's links instead of their own, which would act for them.
     */
    @Transactional(readOnly = true)
    String preview(long editionId, @Nullable Long readerId) {
        EditionContent content = contents.of(editionId).orElseThrow(() -> new NotFoundException("no edition " + editionId));
        if (readerId == null) {
            return sample(content);
        }
        SubscriberProfile reader = profiles.byIds(List.of(readerId)).get(readerId);
        if (reader == null) {
            throw new NotFoundException("no reader " + readerId);
        }
        return personal(content, reader, site.link(TestCopyPage.PATH), site.link(TestCopyPage.PATH));
    }

    /** Every article, no name, and links to the reader pages without a token. */
    private String sample(EditionContent content) {
        return renderer.merge(renderer.render(content, content.articles(), false, false), null,
                site.link("/unsubscribe"), site.link("/preferences")).html().text();
    }

    private String personal(EditionContent content, SubscriberProfile reader, String unsubscribeUrl, String preferencesUrl) {
        List<DigestArticle> articles = content.forTopics(reader.topics());
        if (articles.isEmpty()) {
            throw new NotFoundException("none of the articles is on this reader's topics: they would get no email");
        }
        return renderer.merge(renderer.render(content, articles, reader.name() != null, false), reader.name(),
                unsubscribeUrl, preferencesUrl).html().text();
    }
}
