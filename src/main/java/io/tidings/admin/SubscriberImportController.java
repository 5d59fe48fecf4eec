package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.ImportJobs;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.net.URI;

/**
 * Large imports as jobs (docs/imports.md): the upload streams to disk, up to IMPORT_MAX_SIZE, and
 * the answer is 202 with the job's address, whose status and counts say how far it got.
 */
@Tag(name = "Admin: subscribers")
@AdminApi
@Controller("/admin/subscribers/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriberImportController {

    private static final String BASE = "/admin/subscribers/imports/";
    /** Chunks of the upload held in memory at once while the disk catches up. */
    private static final int CHUNKS_AHEAD = 8;
    private final ImportJobs jobs;
    private final AuditLog audit;

    SubscriberImportController(ImportJobs jobs, AuditLog audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    /** A job and where its rejected lines are. */
    @Serdeable
    record JobView(long id, String status, long processed, long imported, long skipped, long rejected,
                   @Nullable String failure, String createdAt, @Nullable String finishedAt, String rejectedLines) {

        static JobView of(ImportJobs.Progress job) {
            return new JobView(job.id(), job.status(), job.processed(), job.imported(), job.skipped(), job.rejected(),
                    job.failure(), job.createdAt(), job.finishedAt(), BASE + job.id() + "/rejected");
        }
    }

    /** Starts an import of a CSV file (or a zip holding one): 202 and the job's address. */
    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Post(consumes = {"text/csv", "application/zip", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM},
            produces = MediaType.APPLICATION_JSON)
    HttpResponse<JobView> start(HttpRequest<?> request, @Body Publisher<byte[]> body) {
        String charset = request.getContentType().flatMap(type -> type.getParameters().get("charset")).orElse(null);
        long id = jobs.start(Flux.from(body).toIterable(CHUNKS_AHEAD), charset,
                created -> audit.record(request, AuditAction.IMPORT_STARTED, ImportAudit.subject(created)));
        return HttpResponse.accepted(URI.create(BASE + id)).body(JobView.of(jobs.progress(id).orElseThrow()));
    }

    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    JobView show(@PathVariable long id) {
        return JobView.of(jobs.progress(id).orElseThrow(() -> new NotFoundException("no import " + id)));
    }

    /** The rows not added, as CSV: line, email, reason. */
    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(uri = "/{id}/rejected", produces = "text/csv")
    HttpResponse<Publisher<byte[]>> rejected(@PathVariable long id) {
        jobs.progress(id).orElseThrow(() -> new NotFoundException("no import " + id));
        return HttpResponse.ok(jobs.rejectedLines(id))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-rejected.csv\"");
    }
}
