package io.tidings.admin;

import io.micronaut.runtime.event.annotation.EventListener;
import io.tidings.subscription.ImportFinished;
import jakarta.inject.Singleton;

/** Records an import job's end in the audit log, as done by the operator who started it. */
@Singleton
class ImportAudit {

    private final AuditLog log;

    ImportAudit(AuditLog log) {
        this.log = log;
    }

    /** The subject both entries of one import share, so that its end finds who started it. */
    static String subject(long importId) {
        return "import " + importId;
    }

    @EventListener
    void finished(ImportFinished event) {
        String subject = subject(event.importId());
        String actor = log.actorOf(AuditAction.IMPORT_STARTED, subject).orElse(AdminToken.NAME);
        log.recordJob(actor, AuditAction.IMPORT_FINISHED, subject + ": " + event.status().label() + ", "
                + event.imported() + " imported, " + event.rejected() + " rejected");
    }
}
