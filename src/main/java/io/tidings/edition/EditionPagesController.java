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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AdminPages;
import io.tidings.admin.Rights;
import io.tidings.core.InvalidInputException;
import io.tidings.web.Form;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The console's editions page: the latest editions, and the form that composes and sends one now, which
 * lands on the new edition's page ({@link EditionConsoleController}). Its form does what the JSON API does,
 * through the same controller, so the two cannot drift apart. The filters check the session and its CSRF token first.
 * Forms bind as one {@link Form}: AdminCsrfFilter has read the body, and Micronaut's field-by-field form
 * binding then failed now and then ("Chunk already claimed").
 */
@AdminApi
@Controller(EditionPagesController.PAGE)
@ExecuteOn(TaskExecutors.BLOCKING)
class EditionPagesController {

    static final String PAGE = "/admin/dashboard/editions";
    private static final int LISTED = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "nothing-new", "No new articles since the last edition of that frequency: nothing was queued.");
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
        String frequency = Form.orEmpty(body).value("frequency");
        return answer(() -> {
            EditionController.Triggered triggered = api.trigger(request, new EditionController.Trigger(frequency)).body();
            String done = triggered.outcome().label();
            return triggered.edition() == null ? PAGE + "?done=" + done
                    : EditionConsoleController.location(triggered.edition().id(), done);
        }, (status, problem) -> render(request, status, null, problem));
    }

    /**
     * A console form's answer: 303 to where the done action leads, or the page again with the reason it was
     * refused. What names nothing that exists is left to the error pages (404).
     */
    static HttpResponse<String> answer(Supplier<String> action,
                                       BiFunction<HttpStatus, String, HttpResponse<String>> refused) {
        try {
            return HttpResponse.seeOther(URI.create(action.get()));
        } catch (InvalidInputException e) {
            return refused.apply(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        } catch (HttpStatusException e) {
            return refused.apply(e.getStatus(), e.getMessage());
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
