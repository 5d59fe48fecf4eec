package io.tidings.bounce;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.admin.AdminApi;
import io.tidings.core.IsoTimes;

/** {@code GET /admin/bounces}: what came back, newest first, for the operator. */
@Tag(name = "Admin: bounces")
@AdminApi
@Controller("/admin/bounces")
@ExecuteOn(TaskExecutors.BLOCKING)
class BouncesController {

    private final BounceRecords records;

    BouncesController(BounceRecords records) {
        this.records = records;
    }

    /**
     * {@code type} keeps one type ({@code hard}, {@code soft}, {@code blocked}, {@code message}, {@code complaint},
     * {@code auto-reply}); {@code since} an ISO-8601 date or date-time; {@code size} from 1 to 200.
     */
    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    BounceRecords.Page list(@QueryValue @Nullable String type, @QueryValue @Nullable String since,
                            @QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size) {
        return records.list(type, IsoTimes.parse("since", since), page, size);
    }
}
