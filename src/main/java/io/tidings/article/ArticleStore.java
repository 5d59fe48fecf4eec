package io.tidings.article;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Stores articles idempotently: one row per URL (or source and guid), changed only when its content changed. */
@Singleton
class ArticleStore {

    private final ArticleRepository articles;
    private final Clock clock;

    ArticleStore(ArticleRepository articles, Clock clock) {
        this.articles = articles;
        this.clock = clock;
    }

    @Serdeable
    enum Outcome {
        CREATED, UPDATED, UNCHANGED;

        /** As the admin API writes it. */
        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Upserted(ArticleView stored, Outcome outcome) {
    }

    @Transactional
    Upserted upsert(ArticleDraft draft) {
        Instant now = clock.instant();
        String hash = draft.contentHash();
        Optional<Article> known = lock(draft);
        if (known.isEmpty()) {
            Instant published = draft.publishedAt() != null ? draft.publishedAt() : now;
            Instant updated = draft.updatedAt() != null ? draft.updatedAt() : published;
            boolean inserted = articles.insertIfAbsent(draft.url(), draft.guid(), draft.title(), draft.summary(),
                    draft.author(), published, updated, draft.source(), hash, now, draft.inDigests(),
                    draft.publishedAt() == null) == 1;
            Article article = lock(draft).orElseThrow(() -> new IllegalStateException("article vanished inside its transaction"));
            if (inserted) {
                draft.topics().forEach(topic -> articles.addTopic(article.id(), topic));
                return new Upserted(new ArticleView(article, List.copyOf(draft.topics())), Outcome.CREATED);
            }
            known = Optional.of(article);
        }
        Article current = known.get();
        if (current.contentHash().equals(hash)) {
            return new Upserted(new ArticleView(current, articles.topicsOf(current.id())), Outcome.UNCHANGED);
        }
        Article revised = articles.update(current.revisedBy(draft, hash, now));
        articles.clearTopics(current.id());
        draft.topics().forEach(topic -> articles.addTopic(current.id(), topic));
        return new Upserted(new ArticleView(revised, List.copyOf(draft.topics())), Outcome.UPDATED);
    }

    /**
     * Stores an article that has no address of its own with its text, which Tidings shows at
     * {@code /articles/{slug}}; a changed text alone counts as an update.
     */
    @Transactional
    Upserted upsertHosted(ArticleDraft draft, String slug, String body) {
        Upserted upserted = upsert(draft);
        long id = upserted.stored().article().id();
        if (articles.hostedBody(id).filter(body::equals).isPresent()) {
            return upserted;
        }
        articles.removeHostedPage(id, slug);
        articles.addHostedPage(id, slug, body);
        return upserted.outcome() == Outcome.UNCHANGED ? new Upserted(upserted.stored(), Outcome.UPDATED) : upserted;
    }

    /** The page of an article imported without an address. */
    @Transactional(readOnly = true)
    Optional<HostedPage> hostedPage(String slug) {
        return articles.hostedPage(slug);
    }

    /** The stored article this draft is about: by its source's guid where it has one, else by URL. */
    private Optional<Article> lock(ArticleDraft draft) {
        if (draft.guid() != null) {
            Optional<Article> byGuid = articles.lockBySourceGuid(draft.source(), draft.guid());
            if (byGuid.isPresent()) {
                return byGuid;
            }
        }
        return articles.lockByUrl(draft.url());
    }

    record Page(List<ArticleView> items, long total) {
    }

    @Transactional(readOnly = true)
    Page page(ArticleQuery query) {
        List<ArticleView> items = articles.page(query.topic(), query.source(), query.pattern(), query.since(), query.until(),
                        query.size(), query.offset())
                .stream()
                .map(article -> new ArticleView(article, articles.topicsOf(article.id())))
                .toList();
        return new Page(items, articles.count(query.topic(), query.source(), query.pattern(), query.since(), query.until()));
    }

    @Transactional(readOnly = true)
    Optional<ArticleView> find(long id) {
        return articles.findById(id).map(article -> new ArticleView(article, articles.topicsOf(id)));
    }

    @Transactional(readOnly = true)
    List<String> sources() {
        return articles.sources();
    }

    /** An operator's title and summary, checked as an import's are; false when there is no such article. */
    @Transactional
    boolean edit(long id, @Nullable String title, @Nullable String summary) {
        ArticleRules.Text text = ArticleRules.text(title, summary);
        return articles.edit(id, text.title(), text.summary()) == 1;
    }

    /** Leaves an article out of the digests still to come, or puts it back; false when there is no such article. */
    @Transactional
    boolean leaveOut(long id, boolean leftOut) {
        return articles.leaveOut(id, leftOut) == 1;
    }
}
