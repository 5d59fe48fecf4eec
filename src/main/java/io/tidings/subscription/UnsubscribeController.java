package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;
import io.tidings.web.Pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The unsubscribe link: GET shows a button; POST unsubscribes at once. A mail client's RFC 8058
 * one-click POST ({@code List-Unsubscribe=One-Click}) carries no cookie and no form token, and
 * needs none: the token in the URL is the whole authority.
 */
@Tag(name = "Reader pages")
@Controller("/unsubscribe")
@ExecuteOn(TaskExecutors.BLOCKING)
class UnsubscribeController {

    private static final String ONE_CLICK = "One-Click";
    private final UnsubscribeService unsubscribes;
    private final RequestOrigins origins;
    private final Pages pages;
    private final CsrfTokens csrf;

    UnsubscribeController(UnsubscribeService unsubscribes, RequestOrigins origins, Pages pages, CsrfTokens csrf) {
        this.unsubscribes = unsubscribes;
        this.origins = origins;
        this.pages = pages;
        this.csrf = csrf;
    }

    /** The path of a subscriber's unsubscribe page, for links and forms. */
    static String path(String manageToken) {
        return "/unsubscribe?token=" + URLEncoder.encode(manageToken, StandardCharsets.UTF_8);
    }

    /** Shows the Unsubscribe button. */
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@QueryValue @Nullable String token) {
        unsubscribes.check(token);
        return pages.render("unsubscribe", Map.of("unsubscribePath", path(token)));
    }

    /** Unsubscribes: the page's form, or a mail client's one-click POST. */
    @Post(consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA}, produces = MediaType.TEXT_HTML)
    HttpResponse<String> unsubscribe(@QueryValue @Nullable String token, @Body @Nullable Form body, HttpRequest<?> request) {
        Form form = Form.orEmpty(body);
        boolean oneClick = ONE_CLICK.equals(form.value("List-Unsubscribe"));
        if (!oneClick) {
            csrf.verify(request, form.value("csrf"));
        }
        Source source = oneClick ? Source.ONE_CLICK : Source.LINK;
        unsubscribes.unsubscribe(token, origins.of(request, source));
        return pages.render("unsubscribed", Map.of());
    }
}
