package io.tidings.article;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.admin.AdminApi;
import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import io.tidings.core.IsoTimes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The operator's way in for articles: JSON upsert, scraped-page import, and the paged list. */
@Tag(name = "Admin: articles")
@AdminApi
@Controller("/admin/articles")
@ExecuteOn(TaskExecutors.BLOCKING)
class ArticleController {

    private static final int PAGE_SIZE_MAX = 100;
    private final ArticleRules rules;
    private final ArticleStore store;
    private final PageImporter importer;

    ArticleController(ArticleRules rules, ArticleStore store, PageImporter importer) {
        this.rules = rules;
        this.store = store;
        this.importer = importer;
    }

    @Serdeable
    record Upserted(ArticleStore.Outcome outcome, ArticleView article) {
    }

    @Serdeable
    record Parsed(String title, @Nullable String author, @Nullable LocalDate date, String summary, int paragraphs) {
    }

    @Serdeable
    record Imported(ArticleStore.Outcome outcome, ArticleView article, Parsed parsed) {
    }

    @Serdeable
    record ArticlePage(List<ArticleView> items, int page, int size, long total) {
    }

    /** 201 for a new article, 200 when it was known (updated or unchanged). */
    @Secured(Rights.ARTICLES_WRITE)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Upserted> upsert(@Body ArticleRequest body) {
        ArticleStore.Upserted upserted = store.upsert(rules.check(body.candidate()));
        return respond(upserted, new Upserted(upserted.outcome(), upserted.stored()));
    }

    /** Imports one page's text as copied from the web; 201 for a new article, 200 when it was known. */
    @Secured(Rights.ARTICLES_WRITE)
    @Post(uri = "/import", consumes = MediaType.TEXT_PLAIN, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Imported> importPage(@Body @Nullable String body, @QueryValue @Nullable String url,
                                      @QueryValue @Nullable String topics) {
        List<String> chosen = topics == null || topics.isBlank() ? null : Arrays.asList(topics.split(","));
        PageImporter.Imported imported = importer.importPage(body, url, chosen, "import");
        ScrapedPage page = imported.page();
        Parsed parsed = new Parsed(page.title(), page.author(), page.date(), page.summary(), page.paragraphs().size());
        ArticleStore.Upserted upserted = imported.upserted();
        return respond(upserted, new Imported(upserted.outcome(), upserted.stored(), parsed));
    }

    /** Articles, newest first, by topic and publication time, a page at a time. */
    @Secured(Rights.ARTICLES_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    ArticlePage list(@QueryValue @Nullable String topic, @QueryValue @Nullable String since,
                     @QueryValue @Nullable String until, @QueryValue @Nullable Integer page,
                     @QueryValue @Nullable Integer size) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
            errors.add(new FieldError("size", "must be between 1 and " + PAGE_SIZE_MAX));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant from = IsoTimes.parse("since", since);
        Instant to = IsoTimes.parse("until", until);
        ArticleQuery query = new ArticleQuery(topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT), "", "",
                from == null ? Instant.EPOCH : from, to == null ? ArticleQuery.NO_END : to,
                pageNumber, pageSize);
        ArticleStore.Page found = store.page(query);
        return new ArticlePage(found.items(), pageNumber, pageSize, found.total());
    }

    private static <T> HttpResponse<T> respond(ArticleStore.Upserted upserted, T body) {
        return upserted.outcome() == ArticleStore.Outcome.CREATED ? HttpResponse.created(body) : HttpResponse.ok(body);
    }
}
