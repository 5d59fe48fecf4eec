package io.tidings.edition;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
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
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AdminPages;
import io.tidings.core.InvalidInputException;
import io.tidings.web.Form;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dashboard's editions page: its forms do what the JSON API does, through the same controller,
 * so the two cannot drift apart. A done action lands back on the page with a notice (303); a refused
 * one shows the page again with the reason. The filters check the session and its CSRF token first.
 * Forms bind as one {@link Form}: AdminCsrfFilter has read the body, and Micronaut's field-by-field form
 * binding then failed now and then ("Chunk already claimed").
 */
@AdminApi
@Controller("/admin/dashboard/editions")
@ExecuteOn(TaskExecutors.BLOCKING)
class EditionPagesController {

    private static final String PAGE = "/admin/dashboard/editions";
    private static final int LISTED = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "queued", "The edition is queued and sending; watch it below.",
            "already-composed", "This schedule slot already has its edition: it is the one below.",
            "nothing-new", "No new articles since the last edition of that frequency: nothing was queued.",
            "paused", "The edition is paused: nothing more is sent until you resume it.",
            "resumed", "The edition is sending again.",
            "cancelled", "The edition is cancelled: what was left is suppressed.",
            "test-queued", "The test copy is queued.");
    private final EditionController api;
    private final EditionReports reports;
    private final AdminPages pages;

    EditionPagesController(EditionController api, EditionReports reports, AdminPages pages) {
        this.api = api;
        this.reports = reports;
        this.pages = pages;
    }

    @Secured(Rights.EDITIONS_READ)
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request, @QueryValue @Nullable String done) {
        return render(request, HttpStatus.OK, done == null ? null : NOTICES.get(done), null);
    }

    @Secured(Rights.EDITIONS_SEND)
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> trigger(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        String frequency = form.value("frequency");
        return act(request, () -> api.trigger(request, new EditionController.Trigger(frequency)).body().outcome().label());
    }

    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> pause(HttpRequest<?> request, @PathVariable long id) {
        return act(request, () -> api.pause(request, id), "paused");
    }

    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> resume(HttpRequest<?> request, @PathVariable long id) {
        return act(request, () -> api.resume(request, id), "resumed");
    }

    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> cancel(HttpRequest<?> request, @PathVariable long id) {
        return act(request, () -> api.cancel(request, id), "cancelled");
    }

    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/test", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> testSend(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        String to = form.value("to");
        return act(request, () -> api.testSend(request, id, new EditionController.TestSend(to)), "test-queued");
    }

    /** Runs an action whose outcome is always {@code done}. */
    private HttpResponse<String> act(HttpRequest<?> request, Runnable action, String done) {
        return act(request, () -> {
            action.run();
            return done;
        });
    }

    /** Runs an action; a 303 back to the page with its outcome, or the page with the reason it was refused. */
    private HttpResponse<String> act(HttpRequest<?> request, Supplier<String> action) {
        try {
            return HttpResponse.seeOther(URI.create(PAGE + "?done=" + action.get()));
        } catch (InvalidInputException e) {
            return render(request, HttpStatus.UNPROCESSABLE_ENTITY, null, e.getMessage());
        } catch (HttpStatusException e) {
            return render(request, e.getStatus(), null, e.getMessage());
        }
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, @Nullable String notice,
                                        @Nullable String problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("editions", reports.latest(LISTED).stream().map(ProgressView::of).toList());
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(request, status, "editions", model);
    }
}
