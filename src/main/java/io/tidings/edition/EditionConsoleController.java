package io.tidings.edition;

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
import io.tidings.admin.CallerRights;
import io.tidings.admin.Rights;
import io.tidings.core.ForbiddenException;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.SubscriberRecords;
import io.tidings.web.Form;
import io.tidings.web.Pages;

import java.util.HashMap;
import java.util.Map;

/**
 * One edition's page in the console: its progress (admin.js keeps it current from the JSON API), its
 * articles, a preview as a chosen reader, and the forms that pause, resume, cancel and test-send it, each
 * landing back here. Its forms call the JSON API's controller, so the two cannot drift apart.
 */
@AdminApi
@Controller(EditionConsoleController.PAGE)
@ExecuteOn(TaskExecutors.BLOCKING)
class EditionConsoleController {

    static final String PAGE = "/admin/dashboard/editions/{id}";
    /** Readers a search lists: enough to pick one, few enough to read. */
    private static final int FOUND = 10;
    private static final int MAX_QUERY = 254;
    private static final Map<String, String> NOTICES = Map.of(
            "queued", "The edition is queued and sending; watch it below.",
            "already-composed", "This schedule slot already has its edition: this one.",
            "paused", "The edition is paused: nothing more is sent until you resume it.",
            "resumed", "The edition is sending again.",
            "cancelled", "The edition is cancelled: what was left is suppressed.",
            "test-queued", "The test copy is queued.");
    private final EditionController api;
    private final EditionReports reports;
    private final EditionPreviews previews;
    private final SubscriberRecords readers;
    private final AdminPages pages;

    EditionConsoleController(EditionController api, EditionReports reports, EditionPreviews previews,
                             SubscriberRecords readers, AdminPages pages) {
        this.api = api;
        this.reports = reports;
        this.previews = previews;
        this.readers = readers;
        this.pages = pages;
    }

    /** The page; {@code q} searches readers to preview as, by address or name, for a caller who may read them. */
    @Get(produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_READ)
    HttpResponse<String> page(HttpRequest<?> request, @PathVariable long id, @QueryValue @Nullable String done,
                              @QueryValue @Nullable String q) {
        Map<String, Object> model = new HashMap<>();
        if (done != null && NOTICES.containsKey(done)) {
            model.put("notice", NOTICES.get(done));
        }
        boolean mayPickReader = CallerRights.holds(request, Rights.SUBSCRIBERS_READ);
        if (mayPickReader && q != null && !q.isBlank()) {
            String query = q.strip();
            query = query.substring(0, Math.min(query.length(), MAX_QUERY));
            model.put("q", query);
            model.put("readers", readers.list(new SubscriberRecords.Filter(null, null, "", query), FOUND, 0).items());
        }
        return render(request, HttpStatus.OK, id, model);
    }

    /**
     * The edition's HTML as the chosen reader would get it, or as a sample reader. A caller who may not read
     * readers may preview only as the sample reader.
     */
    @Get(uri = "/preview", produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_READ)
    HttpResponse<String> preview(HttpRequest<?> request, @PathVariable long id, @QueryValue @Nullable Long reader) {
        if (reader != null && !CallerRights.holds(request, Rights.SUBSCRIBERS_READ)) {
            throw new ForbiddenException("Previewing as a chosen reader needs the right to read readers.");
        }
        return Pages.emailPreview(previews.preview(id, reader));
    }

    @Post(uri = "/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_SEND)
    HttpResponse<String> pause(HttpRequest<?> request, @PathVariable long id) {
        return act(request, id, () -> api.pause(request, id), "paused");
    }

    @Post(uri = "/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_SEND)
    HttpResponse<String> resume(HttpRequest<?> request, @PathVariable long id) {
        return act(request, id, () -> api.resume(request, id), "resumed");
    }

    @Post(uri = "/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_SEND)
    HttpResponse<String> cancel(HttpRequest<?> request, @PathVariable long id) {
        return act(request, id, () -> api.cancel(request, id), "cancelled");
    }

    @Post(uri = "/test", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.EDITIONS_SEND)
    HttpResponse<String> testSend(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body) {
        String to = Form.orEmpty(body).value("to");
        return act(request, id, () -> api.testSend(request, id, new EditionController.TestSend(to)), "test-queued");
    }

    /** Runs an action; a 303 back to the page with its outcome, or the page with the reason it was refused. */
    private HttpResponse<String> act(HttpRequest<?> request, long id, Runnable action, String done) {
        return EditionPagesController.answer(() -> {
            action.run();
            return location(id, done);
        }, (status, problem) -> render(request, status, id, Map.of("problem", problem)));
    }

    static String location(long id, String done) {
        return PAGE.replace("{id}", Long.toString(id)) + "?done=" + done;
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, long id, Map<String, Object> model) {
        EditionProgress edition = reports.progress(id).orElseThrow(() -> new NotFoundException("no edition " + id));
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("view", ProgressView.of(edition));
        variables.put("mayPickReader", CallerRights.holds(request, Rights.SUBSCRIBERS_READ));
        return pages.render(request, status, "edition", variables);
    }
}
