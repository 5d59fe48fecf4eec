package io.tidings.article;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Singleton
class DigestArticleQueries implements DigestArticles {

    private final ArticleRepository articles;

    DigestArticleQueries(ArticleRepository articles) {
        this.articles = articles;
    }

    @Override
    public List<DigestArticle> seenBetween(Instant start, Instant end) {
        return articles.mailableSeenBetween(start, end);
    }

    @Override
    public List<DigestArticle> withIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : articles.digestArticles(ids);
    }

    @Override
    public Map<Long, List<String>> topicsOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Map.copyOf(articles.topicsOfEach(ids).stream().collect(Collectors.groupingBy(ArticleTopic::articleId,
                Collectors.mapping(ArticleTopic::topic, Collectors.toCollection(ArrayList::new)))));
    }
}
