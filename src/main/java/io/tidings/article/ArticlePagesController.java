package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AdminPages;
import io.tidings.admin.Rights;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.edition.NextDigests;
import io.tidings.subscription.Frequency;
import io.tidings.web.Form;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's articles: the list with its filters, what the next daily and weekly digests would carry,
 * and one article's page, where an operator edits its title and summary or leaves it out of digests.
 * Each form lands back (303) with what was done; a refused one shows the page again with the reason.
 */
@AdminApi
@Controller("/admin/dashboard/articles")
@ExecuteOn(TaskExecutors.BLOCKING)
class ArticlePagesController {

    private static final String PAGE = "/admin/dashboard/articles";
    private static final int PAGE_SIZE = 30;
    private static final Map<String, String> NOTICES = Map.of(
            "saved", "The title and summary are saved.",
            "left-out", "The article is left out of the digests still to come.",
            "put-back", "The article is back in the digests still to come.");
    private final ArticleStore store;
    private final NextDigests next;
    private final AdminPages pages;

    ArticlePagesController(ArticleStore store, NextDigests next, AdminPages pages) {
        this.store = store;
        this.next = next;
        this.pages = pages;
    }

    /** The filters as the form sent them, '' where not given, for the page to show again. */
    record Filters(String source, String q, String from, String to) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_READ)
    HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String source, @QueryValue @Nullable String q,
                              @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                              @QueryValue @Nullable String page, @QueryValue @Nullable String done) {
        Filters filters = new Filters(blank(source), blank(q), blank(from), blank(to));
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("sources", store.sources());
        model.put("daily", next.articles(Frequency.DAILY));
        model.put("weekly", next.articles(Frequency.WEEKLY));
        if (done != null && NOTICES.containsKey(done)) {
            model.put("notice", NOTICES.get(done));
        }
        try {
            int number = pageNumber(page);
            Instant since = day("from", filters.from(), 0);
            Instant until = day("to", filters.to(), 1);
            ArticleStore.Page found = store.page(new ArticleQuery("", filters.source(), filters.q(),
                    since == null ? Instant.EPOCH : since, until == null ? ArticleQuery.NO_END : until, number, PAGE_SIZE));
            model.put("articles", found.items());
            model.put("total", found.total());
            model.put("page", number);
            model.put("more", (long) (number + 1) * PAGE_SIZE < found.total());
            return pages.render(request, "articles", model);
        } catch (InvalidInputException e) {
            model.put("articles", List.of());
            model.put("total", 0L);
            model.put("page", 0);
            model.put("more", false);
            model.put("problem", "Those filters cannot be used: " + e.getMessage() + ".");
            return pages.render(request, HttpStatus.BAD_REQUEST, "articles", model);
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_READ)
    HttpResponse<String> article(HttpRequest<?> request, @PathVariable long id, @QueryValue @Nullable String done) {
        return articlePage(request, HttpStatus.OK, id, done == null ? null : NOTICES.get(done), null);
    }

    @Post(uri = "/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> edit(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        try {
            if (!store.edit(id, form.value("title"), form.value("summary"))) {
                throw noSuch(id);
            }
        } catch (InvalidInputException e) {
            return articlePage(request, HttpStatus.UNPROCESSABLE_ENTITY, id, null, "Nothing was saved: " + e.getMessage() + ".");
        }
        return HttpResponse.seeOther(URI.create(PAGE + "/" + id + "?done=saved"));
    }

    /** {@code leftOut=yes} leaves the article out of digests, {@code no} puts it back; lands on {@code back} when it is the list. */
    @Post(uri = "/{id}/digests", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> digests(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        String leftOut = form.value("leftOut");
        if (!"yes".equals(leftOut) && !"no".equals(leftOut)) {
            return articlePage(request, HttpStatus.UNPROCESSABLE_ENTITY, id, null, "Nothing was changed: say yes or no to leaving it out.");
        }
        if (!store.leaveOut(id, leftOut.equals("yes"))) {
            throw noSuch(id);
        }
        String done = leftOut.equals("yes") ? "left-out" : "put-back";
        return HttpResponse.seeOther(URI.create("list".equals(form.value("back")) ? PAGE + "?done=" + done : PAGE + "/" + id + "?done=" + done));
    }

    private HttpResponse<String> articlePage(HttpRequest<?> request, HttpStatus status, long id, @Nullable String notice,
                                             @Nullable String problem) {
        ArticleView article = store.find(id).orElseThrow(() -> noSuch(id));
        Map<String, Object> model = new HashMap<>();
        model.put("article", article.article());
        model.put("topics", article.topics());
        model.put("inDaily", next.articles(Frequency.DAILY).stream().anyMatch(a -> a.id() == id));
        model.put("inWeekly", next.articles(Frequency.WEEKLY).stream().anyMatch(a -> a.id() == id));
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(request, status, "article", model);
    }

    private static NotFoundException noSuch(long id) {
        return new NotFoundException("There is no article " + id + ".");
    }

    private static String blank(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static int pageNumber(@Nullable String page) {
        try {
            int number = page == null || page.isBlank() ? 0 : Integer.parseInt(page.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of("page", "must be a whole number, 0 or more");
    }

    /** The start of a day (UTC), {@code plusDays} later; null for no day. */
    @Nullable
    private static Instant day(String field, String value, int plusDays) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be a date such as 2026-12-01");
        }
    }
}
