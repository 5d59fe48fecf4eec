package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;
import io.tidings.web.Pages;
import io.tidings.web.TooManyRequestsException;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The subscribe form; a rejected submission comes back with the reader's input and the reasons. */
@Tag(name = "Reader pages")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscribePageController {

    private final SubscriptionService subscriptions;
    private final RequestOrigins origins;
    private final Pages pages;
    private final CsrfTokens csrf;

    SubscribePageController(SubscriptionService subscriptions, RequestOrigins origins, Pages pages, CsrfTokens csrf) {
        this.csrf = csrf;
        this.subscriptions = subscriptions;
        this.origins = origins;
        this.pages = pages;
    }

    /** The signup form. */
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> form() {
        return form(HttpStatus.OK, new SubscriptionRequest(null, null, null, null, null, null), List.of(), null);
    }

    /** Sends the confirmation email and redirects to "check your inbox"; errors come back on the form. */
    @Post(value = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> submit(@Body @Nullable Form body, HttpRequest<?> request) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        SubscriptionRequest submitted = new SubscriptionRequest(form.value("email"), form.value("name"),
                form.values("topics"), form.value("frequency"), form.value("consent") != null, form.value("website"));
        try {
            subscriptions.subscribe(submitted, origins.subscribing(request, Source.FORM));
        } catch (InvalidInputException e) {
            return form(HttpStatus.UNPROCESSABLE_ENTITY, submitted, e.errors(), "Please check the form.");
        } catch (TooManyRequestsException e) {
            return form(HttpStatus.TOO_MANY_REQUESTS, submitted, List.of(), e.getMessage());
        }
        return HttpResponse.seeOther(URI.create("/subscribe/pending"));
    }

    /** "Check your inbox". */
    @Get(value = "/subscribe/pending", produces = MediaType.TEXT_HTML)
    HttpResponse<String> pending() {
        return pages.render("pending", Map.of());
    }

    private HttpResponse<String> form(HttpStatus status, SubscriptionRequest values, List<FieldError> errors,
                                      @Nullable String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("topics", subscriptions.topics());
        model.put("values", values);
        model.put("chosen", values.topics() == null ? List.of() : values.topics());
        model.put("errors", errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a)));
        model.put("message", message);
        return pages.render(status, "subscribe", model);
    }
}
