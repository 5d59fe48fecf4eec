package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /admin/audit}: what operators did, newest first. */
@Tag(name = "Admin: audit log")
@AdminApi
@Secured(Rights.AUDIT_READ)
@Controller("/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /**
     * {@code action} keeps one action (its label, such as {@code edition-sent}); {@code actor} one actor;
     * {@code cursor} is a page's {@code nextCursor}, for the entries before it; {@code size} from 1 to 200.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    AuditLog.Page list(@QueryValue @Nullable String action, @QueryValue @Nullable String actor,
                       @QueryValue @Nullable String cursor, @QueryValue(defaultValue = "50") int size) {
        return log.page(action, actor, cursor, size);
    }
}
