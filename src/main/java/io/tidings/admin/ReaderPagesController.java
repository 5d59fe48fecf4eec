package io.tidings.admin;

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
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.Erasures;
import io.tidings.subscription.SubscriptionService;
import io.tidings.web.Form;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's readers: search and filters a page at a time by id (fast at a million readers), and a
 * reader's page with their consents, mail and bounces, where an operator resends a confirmation or, after
 * a confirmation step, erases the reader as their own "erase me" does.
 */
@AdminApi
@Controller("/admin/dashboard/readers")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReaderPagesController {

    private static final String PAGE = "/admin/dashboard/readers";
    private static final List<String> STATES = List.of("pending", "confirmed", "unsubscribed", "bounced");
    /** What a resend did, by {@link SubscriptionService.Resent} in lower case, as the page's {@code done} says it. */
    private static final Map<String, String> RESENT = Map.of(
            "queued", "A new confirmation email is queued.",
            "not_pending", "Only a reader who has not confirmed yet gets a confirmation email.",
            "capped", "This address had as many confirmation emails as it may for now; try again later.");
    private final SubscriberDirectory directory;
    private final SubscriptionService subscriptions;
    private final Erasures erasures;
    private final AdminPages pages;

    ReaderPagesController(SubscriberDirectory directory, SubscriptionService subscriptions, Erasures erasures, AdminPages pages) {
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.erasures = erasures;
        this.pages = pages;
    }

    /** The filters as the form sent them, '' where not given, for the page to show again and to carry to the next page. */
    record Filters(String q, String state, String topic, String frequency) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured(Rights.SUBSCRIBERS_READ)
    HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String q, @QueryValue @Nullable String state,
                              @QueryValue @Nullable String topic, @QueryValue @Nullable String frequency,
                              @QueryValue @Nullable String before, @QueryValue @Nullable String done) {
        Filters filters = new Filters(blank(q), blank(state), blank(topic), blank(frequency));
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("states", STATES);
        model.put("topics", subscriptions.topics());
        if ("erased".equals(done)) {
            model.put("notice", "The reader is erased.");
        }
        try {
            SubscriberDirectory.Browsed found = directory.browse(filters.state(), filters.frequency(), filters.topic(),
                    filters.q(), beforeId(before));
            model.put("readers", found.items());
            model.put("next", found.next());
            return pages.render(request, "readers", model);
        } catch (InvalidInputException e) {
            model.put("readers", List.of());
            model.put("problem", "Those filters cannot be used: " + e.getMessage() + ".");
            return pages.render(request, HttpStatus.BAD_REQUEST, "readers", model);
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    @Secured(Rights.SUBSCRIBERS_READ)
    HttpResponse<String> reader(HttpRequest<?> request, @PathVariable long id, @QueryValue @Nullable String done) {
        return readerPage(request, HttpStatus.OK, id, done == null ? null : RESENT.get(done), false);
    }

    /** Through the reader's own confirmation path and its per-address caps; lands back with what happened. */
    @Post(uri = "/{id}/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.SUBSCRIBERS_WRITE)
    HttpResponse<String> resend(HttpRequest<?> request, @PathVariable long id) {
        SubscriptionService.Resent resent = subscriptions.resendConfirmation(id);
        return HttpResponse.seeOther(URI.create(PAGE + "/" + id + "?done=" + resent.name().toLowerCase(Locale.ROOT)));
    }

    /** The first POST asks to confirm; the second, with {@code confirm=yes}, erases and lands on the list. */
    @Post(uri = "/{id}/erase", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.SUBSCRIBERS_WRITE)
    HttpResponse<String> erase(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body) {
        if (!"yes".equals(Form.orEmpty(body).value("confirm"))) {
            return readerPage(request, HttpStatus.OK, id, null, true);
        }
        if (!erasures.erase(id)) {
            throw noSuch(id);
        }
        return HttpResponse.seeOther(URI.create(PAGE + "?done=erased"));
    }

    private HttpResponse<String> readerPage(HttpRequest<?> request, HttpStatus status, long id, @Nullable String notice,
                                            boolean confirmErase) {
        SubscriberDirectory.Detail detail;
        try {
            detail = directory.show(id);
        } catch (NotFoundException e) {
            throw noSuch(id);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("detail", detail);
        model.put("reader", detail.subscriber());
        model.put("mail", directory.recentMail(id));
        model.put("olderMailLastSent", directory.lastSentBeforeHistory(id).orElse(null));
        model.put("confirmErase", confirmErase);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(request, status, "reader", model);
    }

    private static NotFoundException noSuch(long id) {
        return new NotFoundException("There is no reader " + id + "; they may have been erased.");
    }

    private static String blank(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    @Nullable
    private static Long beforeId(@Nullable String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("before", "is not a reader's number");
        }
    }
}
