package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.Erasures;
import io.tidings.subscription.SubscriberExports;
import io.tidings.subscription.SubscriberImports;
import io.tidings.web.LargerBodiesAt;
import org.reactivestreams.Publisher;

/** The operator's subscribers: CSV import and export, and erasure by id (the same as the reader's "erase me"). */
@Tag(name = "Admin: subscribers")
@AdminApi
@Controller("/admin/subscribers")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriberAdminController {

    private final Erasures erasures;
    private final SubscriberImports imports;
    private final SubscriberExports exports;
    private final AuditLog audit;

    SubscriberAdminController(Erasures erasures, SubscriberImports imports, SubscriberExports exports, AuditLog audit) {
        this.erasures = erasures;
        this.imports = imports;
        this.exports = exports;
        this.audit = audit;
    }

    /** Readers who consented elsewhere, as CSV; bad rows are reported by line and the rest go in. */
    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Post(uri = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    @LargerBodiesAt("Import a larger file as a job: POST /admin/subscribers/imports (text/csv, or a zip of one CSV file).")
    SubscriberImports.Report importCsv(HttpRequest<?> request, @Body @Nullable String csv) {
        SubscriberImports.Report report = imports.run(csv == null ? "" : csv);
        audit.record(request, AuditAction.IMPORT_FINISHED, "CSV upload: " + report.imported() + " imported, "
                + report.skipped().size() + " skipped, " + report.rejected().size() + " rejected");
        return report;
    }

    /** Confirmed readers in the import's columns, so a file can go back in (or to another tool); streamed, of any size. */
    @Secured(Rights.SUBSCRIBERS_READ)
    @Get(uri = "/export", produces = "text/csv")
    HttpResponse<Publisher<byte[]>> exportCsv() {
        return HttpResponse.ok(exports.csv()).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\"");
    }

    /** Erases a subscriber, as the reader's own "erase me" does. */
    @Secured(Rights.SUBSCRIBERS_WRITE)
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void erase(HttpRequest<?> request, @PathVariable long id) {
        if (!erasures.erase(id)) {
            throw new NotFoundException("no subscriber " + id);
        }
        // The id alone: the address is gone with the reader.
        audit.record(request, AuditAction.READER_ERASED, "subscriber " + id);
    }
}
