package io.tidings.bounce;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AuditAction;
import io.tidings.admin.AuditLog;

/** The operator undoes bounces that were not the readers' doing: of one edition, or of one reason. */
@Tag(name = "Admin: bounces")
@AdminApi
@Controller("/admin/bounces")
@ExecuteOn(TaskExecutors.BLOCKING)
class BounceRestoreController {

    private final BounceRestores restores;
    private final AuditLog audit;

    BounceRestoreController(BounceRestores restores, AuditLog audit) {
        this.restores = restores;
        this.audit = audit;
    }

    /**
     * Which bounces to undo: {@code editionId}, or {@code type} ("hard" or "soft") with an optional
     * enhanced {@code status} ("5.1.0") and {@code since} (ISO-8601 date or date-time).
     */
    @Serdeable
    record Restore(@Nullable Long editionId, @Nullable String type, @Nullable String status, @Nullable String since) {
    }

    /** Readers back to confirmed, and the bounces undone; 422 when nothing or something unknown is selected. */
    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Post(uri = "/restore", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    BounceRestores.Result restore(HttpRequest<?> request, @Body @Nullable Restore body) {
        Restore given = body == null ? new Restore(null, null, null, null) : body;
        BounceRestores.Selection selection = BounceRestores.Selection.of(given.editionId(), given.type(), given.status(), given.since());
        BounceRestores.Result result = restores.restore(selection);
        audit.record(request, AuditAction.BOUNCES_RESTORED, result.summary(selection));
        return result;
    }
}
