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

import java.util.Map;

/** The link in the confirmation email: GET shows a button (scanners fetch links), POST confirms. */
@Tag(name = "Reader pages")
@Controller("/confirm")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConfirmController {

    private final ConfirmationService confirmations;
    private final ManageTokens manageTokens;
    private final RequestOrigins origins;
    private final Pages pages;
    private final CsrfTokens csrfTokens;

    ConfirmController(ConfirmationService confirmations, ManageTokens manageTokens, RequestOrigins origins,
                      Pages pages, CsrfTokens csrfTokens) {
        this.csrfTokens = csrfTokens;
        this.confirmations = confirmations;
        this.manageTokens = manageTokens;
        this.origins = origins;
        this.pages = pages;
    }

    /** Shows the Confirm button and changes nothing. */
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@QueryValue @Nullable String token) {
        confirmations.check(token);
        return pages.render("confirm", Map.of("token", token));
    }

    /** Confirms the subscription and records the consent. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> confirm(@Body @Nullable Form body, HttpRequest<?> request) {
        Form form = Form.orEmpty(body);
        csrfTokens.verify(request, form.value("csrf"));
        ConfirmationService.Confirmed confirmed = confirmations.confirm(form.value("token"), origins.of(request, Source.LINK));
        return pages.render("confirmed", Map.of("email", confirmed.email(),
                "unsubscribePath", UnsubscribeController.path(manageTokens.tokenFor(confirmed.subscriberUid()))));
    }
}
