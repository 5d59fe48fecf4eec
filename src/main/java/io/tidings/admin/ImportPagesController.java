package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.subscription.ImportJobs;

import java.util.Map;

/** The dashboard's imports page: the latest import jobs, how far each got, and their rejected lines. */
@AdminApi
@Controller("/admin/dashboard/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ImportPagesController {

    private static final int LISTED = 20;
    private final ImportJobs jobs;
    private final AdminPages pages;

    ImportPagesController(ImportJobs jobs, AdminPages pages) {
        this.jobs = jobs;
        this.pages = pages;
    }

    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> list(HttpRequest<?> request) {
        return pages.render(request, "imports", Map.of("jobs", jobs.latest(LISTED)));
    }
}
