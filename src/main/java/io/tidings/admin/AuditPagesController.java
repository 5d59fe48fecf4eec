package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
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

    private static final String PAGE = "/admin/dashboard/audit";
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
        String shownAction = Objects.requireNonNullElse(action, "").strip();
        String shownActor = Objects.requireNonNullElse(actor, "").strip();
        Map<String, Object> model = new HashMap<>();
        model.put("actions", Arrays.asList(AuditAction.values()));
        model.put("shownAction", shownAction);
        model.put("shownActor", shownActor);
        try {
            AuditLog.Page page = log.page(action, actor, cursor, PAGE_SIZE);
            model.put("page", page);
            if (page.nextCursor() != null) {
                model.put("older", older(shownAction, shownActor, page.nextCursor()));
            }
        } catch (InvalidInputException e) {
            model.put("problem", "Nothing to show: " + e.getMessage() + ".");
            return pages.render(request, HttpStatus.BAD_REQUEST, "audit", model);
        }
        return pages.render(request, HttpStatus.OK, "audit", model);
    }

    /** This page's address for the entries before the cursor, with the same filters. */
    private static String older(String action, String actor, String cursor) {
        UriBuilder uri = UriBuilder.of(PAGE);
        if (!action.isEmpty()) {
            uri.queryParam("action", action);
        }
        if (!actor.isEmpty()) {
            uri.queryParam("actor", actor);
        }
        return uri.queryParam("cursor", cursor).toString();
    }
}
