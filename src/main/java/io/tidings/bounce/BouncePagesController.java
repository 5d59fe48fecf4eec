package io.tidings.bounce;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AdminPages;
import io.tidings.admin.AuditAction;
import io.tidings.admin.AuditLog;
import io.tidings.core.InvalidInputException;
import io.tidings.mail.BounceType;
import io.tidings.web.Form;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's "Bounces and complaints" page, and its undo form: the first POST shows what would be
 * undone and asks to confirm; the second, with {@code confirm=yes}, undoes it and lands back on the page
 * (303) with how many readers were restored. The filters check the session and its CSRF token first.
 */
@AdminApi
@Controller("/admin/dashboard/bounces")
@ExecuteOn(TaskExecutors.BLOCKING)
class BouncePagesController {

    private static final String PAGE = "/admin/dashboard/bounces";
    private static final List<String> TYPES = Arrays.stream(BounceType.values())
            .filter(type -> type != BounceType.AUTO_REPLY).map(BounceType::label).toList();
    private final BounceFigures figures;
    private final BounceRestores restores;
    private final AdminPages pages;
    private final AuditLog audit;

    BouncePagesController(BounceFigures figures, BounceRestores restores, AdminPages pages, AuditLog audit) {
        this.figures = figures;
        this.restores = restores;
        this.pages = pages;
        this.audit = audit;
    }

    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request, @QueryValue @Nullable String type,
                              @QueryValue @Nullable Long restored, @QueryValue @Nullable Long undone) {
        String shown = type == null || type.isBlank() ? null : type.strip();
        if (shown != null && !TYPES.contains(shown)) {
            return render(request, HttpStatus.BAD_REQUEST, null, Map.of("problem",
                    "There is no type of bounce called \"" + shown + "\": choose one of " + String.join(", ", TYPES) + "."));
        }
        Map<String, Object> model = new HashMap<>();
        if (restored != null && undone != null) {
            model.put("notice", restored + (restored == 1 ? " reader is" : " readers are") + " back to confirmed; "
                    + undone + (undone == 1 ? " bounce" : " bounces") + " undone.");
        }
        return render(request, HttpStatus.OK, shown, model);
    }

    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Post(uri = "/restore", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> restore(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        BounceRestores.Selection selection;
        try {
            selection = BounceRestores.Selection.of(editionId(form.value("editionId")), form.value("type"),
                    form.value("status"), form.value("since"));
        } catch (InvalidInputException e) {
            return render(request, HttpStatus.UNPROCESSABLE_ENTITY, null, Map.of("problem",
                    "Nothing was undone: " + e.getMessage() + "."));
        }
        if (!"yes".equals(form.value("confirm"))) {
            return render(request, HttpStatus.OK, null, Map.of("confirm", new Confirmation(selection, restores.preview(selection))));
        }
        BounceRestores.Result result = restores.restore(selection);
        audit.record(request, AuditAction.BOUNCES_RESTORED, result.summary(selection));
        return HttpResponse.seeOther(URI.create(PAGE + "?restored=" + result.readers() + "&undone=" + result.bounces()));
    }

    /** The confirmation step: what was asked, the form's fields again, and what it touches. */
    record Confirmation(String description, String editionId, String type, String status, String since,
                        long bounces, long readers) {

        Confirmation(BounceRestores.Selection selection, BounceRestores.Result preview) {
            this(selection.describe(), selection.editionId() == null ? "" : selection.editionId().toString(),
                    selection.type() == null ? "" : selection.type(), selection.status() == null ? "" : selection.status(),
                    selection.since().equals(Instant.EPOCH) ? "" : selection.since().toString(),
                    preview.bounces(), preview.readers());
        }
    }

    @Nullable
    private static Long editionId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("editionId", "is not an edition number");
        }
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, @Nullable String type, Map<String, ?> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("editions", figures.editions());
        model.put("entries", figures.latest(type));
        model.put("types", TYPES);
        model.put("shownType", type == null ? "" : type);
        model.put("blockedAlarmPercent", (int) (BounceFigures.BLOCKED_ALARM * 100));
        model.put("blockedAlarmAtLeast", BounceFigures.BLOCKED_ALARM_AT_LEAST);
        return pages.render(request, status, "bounces", model);
    }
}
