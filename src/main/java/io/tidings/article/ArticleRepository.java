package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ArticleRepository extends CrudRepository<Article, Long> {

    /** Stores a new article unless its URL or its source's guid is already known (a concurrent upsert may win); 1 if stored. */
    @Query("""
            INSERT INTO article (url, guid, title, summary, author, published_at, updated_at, source, content_hash,
                                 first_seen_at, in_digests, date_estimated)
            VALUES (:url, :guid, :title, :summary, :author, :publishedAt, :updatedAt, :source, :contentHash,
                    :firstSeenAt, :inDigests, :dateEstimated)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String url, @Nullable String guid, String title, String summary, @Nullable String author, Instant publishedAt,
                       Instant updatedAt, String source, String contentHash, Instant firstSeenAt, boolean inDigests,
                       boolean dateEstimated);

    /** The article at a URL, row-locked so that upserts of one article take turns. */
    @Query("SELECT * FROM article WHERE url = :url FOR UPDATE")
    Optional<Article> lockByUrl(String url);

    @Query("SELECT * FROM article WHERE source = :source AND guid = :guid FOR UPDATE")
    Optional<Article> lockBySourceGuid(String source, String guid);

    /** Which articles {@link #page} and {@link #count} keep: published in [since, until), each filter '' for any. */
    String LISTED = """
            WHERE a.published_at >= :since AND a.published_at < :until
              AND (:topic = '' OR EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id AND t.topic = :topic))
              AND (:source = '' OR a.source = :source)
              AND (:pattern = '' OR LOWER(a.title) LIKE :pattern ESCAPE '\\' OR LOWER(a.summary) LIKE :pattern ESCAPE '\\')""";

    /** One page of the articles {@link #LISTED} keeps, newest first. */
    @Query("SELECT * FROM article a " + LISTED + " ORDER BY a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
    List<Article> page(String topic, String source, String pattern, Instant since, Instant until, int limit, long offset);

    /** How many articles {@link #page} pages through. */
    @Query("SELECT COUNT(*) FROM article a " + LISTED)
    long count(String topic, String source, String pattern, Instant since, Instant until);

    /** Where the stored articles came from (feed names, "api", "import"), in order. */
    @Query("SELECT DISTINCT source FROM article ORDER BY source")
    List<String> sources();

    /** An operator's new title and summary; they stand until the source sends a changed article. */
    @Query("UPDATE article SET title = :title, summary = :summary WHERE id = :id")
    int edit(long id, String title, String summary);

    /** Leaves the article out of digests, or puts it back. */
    @Query("UPDATE article SET left_out = :leftOut WHERE id = :id")
    int leaveOut(long id, boolean leftOut);

    /** The articles that reached the service in [start, end) and may be mailed (not left out), newest first, those of a guessed date last. */
    @Query("""
            SELECT id, url, title, summary, author, published_at, date_estimated FROM article
            WHERE first_seen_at >= :start AND first_seen_at < :end AND in_digests AND NOT left_out
            ORDER BY date_estimated, published_at DESC, id DESC""")
    List<DigestArticle> mailableSeenBetween(Instant start, Instant end);

    /** The given articles as a digest shows them, newest first, those of a guessed date last. */
    @Query("""
            SELECT id, url, title, summary, author, published_at, date_estimated FROM article WHERE id IN (:ids)
            ORDER BY date_estimated, published_at DESC, id DESC""")
    List<DigestArticle> digestArticles(Collection<Long> ids);

    /** The topics of the given articles. */
    @Query("SELECT article_id, topic FROM article_topic WHERE article_id IN (:articleIds)")
    List<ArticleTopic> topicsOfEach(Collection<Long> articleIds);

    /** The page Tidings shows for an article imported without an address: its title, byline and text. */
    @Query("""
            SELECT a.title, a.author, a.published_at, a.date_estimated, p.body FROM article_page p
            JOIN article a ON a.id = p.article_id WHERE p.slug = :slug""")
    Optional<HostedPage> hostedPage(String slug);

    @Query("SELECT body FROM article_page WHERE article_id = :articleId")
    Optional<String> hostedBody(Long articleId);

    /** Frees the slug and the article's page row, for {@link #addHostedPage}. */
    @Query("DELETE FROM article_page WHERE article_id = :articleId OR slug = :slug")
    void removeHostedPage(Long articleId, String slug);

    @Query("INSERT INTO article_page (article_id, slug, body) VALUES (:articleId, :slug, :body)")
    void addHostedPage(Long articleId, String slug, String body);

    @Query("SELECT topic FROM article_topic WHERE article_id = :articleId ORDER BY topic")
    List<String> topicsOf(Long articleId);

    @Query("DELETE FROM article_topic WHERE article_id = :articleId")
    void clearTopics(Long articleId);

    @Query("INSERT INTO article_topic (article_id, topic) VALUES (:articleId, :topic)")
    void addTopic(Long articleId, String topic);
}
