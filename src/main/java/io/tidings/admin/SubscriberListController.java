package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The operator's subscriber list and one subscriber's record, as JSON (import, export and erasure: SubscriberAdminController). */
@AdminApi
@Controller("/admin/subscribers")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriberListController {

    private final SubscriberDirectory directory;

    SubscriberListController(SubscriberDirectory directory) {
        this.directory = directory;
    }

    /**
     * 50 a page, newest first; {@code status} and {@code frequency} keep one state and frequency, {@code topic}
     * those who get that topic, {@code q} matches part of the address or name.
     */
    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    SubscriberDirectory.Page list(@QueryValue @Nullable String status, @QueryValue @Nullable String frequency,
                                  @QueryValue @Nullable String topic, @QueryValue @Nullable String q,
                                  @QueryValue(defaultValue = "0") int page) {
        return directory.list(status, frequency, topic, q, page);
    }

    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    SubscriberDirectory.Detail show(@PathVariable long id) {
        return directory.show(id);
    }
}
