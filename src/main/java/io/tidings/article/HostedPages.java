package io.tidings.article;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.NotFoundException;
import io.tidings.web.Pages;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The pages of articles imported without an address of their own: what a digest links to for them. */
@Tag(name = "Reader pages")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class HostedPages {

    static final String PATH = "/articles/";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private final ArticleStore store;
    private final Pages pages;

    HostedPages(ArticleStore store, Pages pages) {
        this.store = store;
        this.pages = pages;
    }

    /** The imported text of one article, paragraph by paragraph. */
    @Get(value = PATH + "{slug}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@PathVariable String slug) {
        HostedPage page = store.hostedPage(slug).orElseThrow(() -> new NotFoundException("There is no article at this address."));
        Map<String, Object> model = new HashMap<>();
        model.put("heading", page.title());
        model.put("author", page.author());
        model.put("date", DATE.format(page.publishedAt().atZone(ZoneOffset.UTC)));
        model.put("dateEstimated", page.dateEstimated());
        model.put("paragraphs", Arrays.asList(page.body().split("\n\n")));
        return pages.render("article", model);
    }
}
