package io.tidings.edition;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AuditAction;
import io.tidings.admin.AuditLog;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.subscription.EmailAddress;
import io.tidings.subscription.Frequency;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The operator's editions: trigger, watch, pause, resume, cancel, preview and test-send. */
@Tag(name = "Admin: editions")
@AdminApi
@Controller("/admin/editions")
@ExecuteOn(TaskExecutors.BLOCKING)
class EditionController {

    private static final int LISTED = 50;
    private final EditionMaker maker;
    private final EditionReports reports;
    private final EditionPreviews previews;
    private final EditionRepository editions;
    private final Outbox outbox;
    private final EditionControls controls;
    private final AuditLog audit;

    EditionController(EditionMaker maker, EditionReports reports, EditionPreviews previews,
                      EditionRepository editions, Outbox outbox, EditionControls controls, AuditLog audit) {
        this.maker = maker;
        this.reports = reports;
        this.previews = previews;
        this.editions = editions;
        this.outbox = outbox;
        this.controls = controls;
        this.audit = audit;
    }

    @Serdeable
    record Trigger(@Nullable String frequency) {
    }

    @Serdeable
    record Triggered(Outcome outcome, @Nullable EditionProgress edition, @Nullable String message,
                     @Nullable Instant windowStart, @Nullable Instant windowEnd) {

        /** ALREADY_COMPOSED: this slot has its edition. */
        @Serdeable
        enum Outcome {
            QUEUED, ALREADY_COMPOSED, NOTHING_NEW;

            /** As the admin API writes it, and the dashboard's notice names it: "already-composed". */
            @JsonValue
            String label() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
    }

    @Serdeable
    record Editions(List<EditionProgress> items) {
    }

    @Serdeable
    record TestSend(@Nullable String to) {
    }

    @Serdeable
    record TestQueued(String status, String to) {
    }

    /** 201 with the new edition; 200 with the slot's existing one, or saying nothing is new. */
    @Secured(Rights.EDITIONS_SEND)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Triggered> trigger(HttpRequest<?> request, @Body Trigger body) {
        if (body.frequency() == null || body.frequency().isBlank()) {
            throw InvalidInputException.of("frequency", "is required: daily or weekly");
        }
        EditionMaker.Result result = maker.make(Frequency.parse(body.frequency()));
        if (result instanceof EditionMaker.Queued queued) {
            audit.record(request, AuditAction.EDITION_SENT, "edition " + queued.edition().id() + " ("
                    + queued.edition().frequency().label() + ")");
            return HttpResponse.created(new Triggered(Triggered.Outcome.QUEUED, reports.progress(queued.edition()), null, null, null));
        }
        if (result instanceof EditionMaker.AlreadyMade existing) {
            return HttpResponse.ok(new Triggered(Triggered.Outcome.ALREADY_COMPOSED, reports.progress(existing.edition()),
                    "this schedule slot already has its edition", null, null));
        }
        EditionMaker.NothingNew nothing = (EditionMaker.NothingNew) result;
        return HttpResponse.ok(new Triggered(Triggered.Outcome.NOTHING_NEW, null,
                "no new articles since the last edition; nothing was queued", nothing.windowStart(), nothing.windowEnd()));
    }

    /** The latest editions with their delivery progress. */
    @Secured(Rights.EDITIONS_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    Editions list() {
        return new Editions(reports.latest(LISTED));
    }

    /** One edition and its delivery progress. */
    @Secured(Rights.EDITIONS_READ)
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    EditionProgress show(@PathVariable long id) {
        return reports.progress(id).orElseThrow(() -> new NotFoundException("no edition " + id));
    }

    /** Stops sending at once; 409 for a cancelled edition. */
    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/pause", produces = MediaType.APPLICATION_JSON)
    EditionProgress pause(HttpRequest<?> request, @PathVariable long id) {
        if (!controls.pause(id)) {
            throw cancelledAlready(id);
        }
        audit.record(request, AuditAction.EDITION_PAUSED, "edition " + id);
        return show(id);
    }

    /** Sends what is left, nothing twice; 409 for a cancelled edition. */
    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/resume", produces = MediaType.APPLICATION_JSON)
    EditionProgress resume(HttpRequest<?> request, @PathVariable long id) {
        if (!controls.resume(id)) {
            throw cancelledAlready(id);
        }
        audit.record(request, AuditAction.EDITION_RESUMED, "edition " + id);
        return show(id);
    }

    /** Suppresses what is left; cancelling twice is harmless. */
    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/cancel", produces = MediaType.APPLICATION_JSON)
    EditionProgress cancel(HttpRequest<?> request, @PathVariable long id) {
        controls.cancel(id);
        audit.record(request, AuditAction.EDITION_CANCELLED, "edition " + id);
        return show(id);
    }

    private static HttpStatusException cancelledAlready(long id) {
        return new HttpStatusException(HttpStatus.CONFLICT, "edition " + id + " was cancelled; it cannot be paused or resumed");
    }

    /** The digest the next edition would bring one reader (or anyone), as HTML; nothing is queued. */
    @Secured(Rights.EDITIONS_READ)
    @Get(uri = "/preview", produces = MediaType.TEXT_HTML)
    String preview(@QueryValue @Nullable String frequency, @QueryValue @Nullable String email) {
        if (frequency == null || frequency.isBlank()) {
            throw InvalidInputException.of("frequency", "is required: daily or weekly");
        }
        return previews.preview(Frequency.parse(frequency), email);
    }

    /** Queues one copy of the edition to any address, marked as a test; it goes out like every email. */
    @Secured(Rights.EDITIONS_SEND)
    @Post(uri = "/{id}/test", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Transactional
    TestQueued testSend(HttpRequest<?> request, @PathVariable long id, @Body TestSend body) {
        EmailAddress to;
        try {
            to = EmailAddress.parse(body.to());
        } catch (InvalidInputException e) {
            throw InvalidInputException.of("to", e.errors().get(0).message());
        }
        editions.findById(id).orElseThrow(() -> new NotFoundException("no edition " + id));
        outbox.enqueue(new OutgoingEmail(MessageKind.DIGEST_TEST, null, to.value(), null, null, id));
        audit.record(request, AuditAction.EDITION_TEST_SENT, "edition " + id + " to " + to.value());
        return new TestQueued("queued", to.value());
    }
}
