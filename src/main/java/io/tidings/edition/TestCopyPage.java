package io.tidings.edition;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.web.Pages;

import java.util.Map;

/**
 * Where a test copy's unsubscribe and preferences links lead: a page saying so, for the operator who
 * clicks them to check the email. It changes nothing, so it takes no POST: a mail client's one-click
 * unsubscribe from a test copy gets 405 and unsubscribes nobody.
 */
@Tag(name = "Reader pages")
@Controller(TestCopyPage.PATH)
class TestCopyPage {

    static final String PATH = "/test-copy";
    private final Pages pages;

    TestCopyPage(Pages pages) {
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        return pages.render("test-copy", Map.of());
    }
}
