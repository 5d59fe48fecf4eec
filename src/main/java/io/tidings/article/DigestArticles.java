package io.tidings.article;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The articles an edition carries, for the edition package, which owns no article table. */
public interface DigestArticles {

    /** The articles that reached the service in [start, end) and may be mailed, newest first, those of a guessed date last. */
    List<DigestArticle> seenBetween(Instant start, Instant end);

    /** The given articles, newest first, those of a guessed date last. */
    List<DigestArticle> withIds(Collection<Long> ids);

    /** The topics of the given articles, by article; an article without topics is absent. */
    Map<Long, List<String>> topicsOf(Collection<Long> ids);
}
