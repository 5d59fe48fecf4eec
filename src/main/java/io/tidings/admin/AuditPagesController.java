package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.tidings.core.InvalidInputException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The dashboard's audit log page: the latest entries, filtered by action and actor, older ones a page at a time. */
@AdminApi
@Secured(Rights.AUDIT_READ)
@Controller("/admin/dashboard/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditPagesController {

    private static final int PAGE_SIZE = 50;
    private final AuditLog log;
    private final AdminPages pages;

    AuditPagesController(AuditLog log, AdminPages pages) {
        this.log = log;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request, @QueryValue @Nullable String action,
                              @QueryValue @Nullable String actor, @QueryValue @Nullable String cursor) {
        Map<String, Object> model = new HashMap<>();
        model.put("actions", Arrays.asList(AuditAction.values()));
        model.put("shownAction", Objects.requireNonNullElse(action, "").strip());
        model.put("shownActor", Objects.requireNonNullElse(actor, "").strip());
        try {
            model.put("page", log.page(action, actor, cursor, PAGE_SIZE));
        } catch (InvalidInputException e) {
            model.put("problem", "Nothing to show: " + e.getMessage() + ".");
            return pages.render(request, HttpStatus.BAD_REQUEST, "audit", model);
        }
        return pages.render(request, HttpStatus.OK, "audit", model);
    }
}
