package io.tidings.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.InvalidInputException;
import io.tidings.web.ClientAddresses;
import jakarta.inject.Singleton;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit log of operators' actions: who (the request's principal; until operators have accounts, a
 * caller with the admin token or its session is {@value #ADMIN_TOKEN}), from where (the client address
 * as {@link ClientAddresses} tells it), when (the service's clock) and what. A subject names what was
 * acted on (an edition, a reader's id, an import) and never holds a secret.
 */
@Singleton
public class AuditLog {

    /** The actor of an action whose caller is not known (a failed sign-in names the address typed instead). */
    static final String UNKNOWN = "unknown";
    static final int MAX_SIZE = 200;
    private static final int ACTOR_LENGTH = 254;
    private static final int SUBJECT_LENGTH = 500;
    private final AuditRepository entries;
    private final ClientAddresses clients;
    private final Clock clock;

    AuditLog(AuditRepository entries, ClientAddresses clients, Clock clock) {
        this.entries = entries;
        this.clients = clients;
        this.clock = clock;
    }

    /** Records what the request's caller did. */
    public void record(HttpRequest<?> request, AuditAction action, String subject) {
        record(request, request.getUserPrincipal().map(Principal::getName).orElse(UNKNOWN), action, subject);
    }

    /** Records an event whose actor the request does not carry, such as a failed sign-in with the address typed. */
    public void record(HttpRequest<?> request, String actor, AuditAction action, String subject) {
        write(actor, clients.of(request), action, subject);
    }

    /** Records what a job did on an operator's behalf, from no client address. */
    void recordJob(String actor, AuditAction action, String subject) {
        write(actor, null, action, subject);
    }

    /** Who did the latest {@code action} about {@code subject}. */
    Optional<String> actorOf(AuditAction action, String subject) {
        return entries.actorOf(action.label(), subject);
    }

    private void write(String actor, @Nullable String clientAddress, AuditAction action, String subject) {
        entries.save(new AuditEntry(null, clock.instant(), cut(actor, ACTOR_LENGTH), clientAddress, action.label(),
                cut(subject, SUBJECT_LENGTH)));
    }

    /** One entry as operators read it. */
    @Serdeable
    public record Line(long id, Instant at, String actor, @Nullable String clientAddress, String action,
                       String description, String subject) {
    }

    /** A page of entries, newest first; {@code nextCursor} asks for the older ones, null on the last page. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Line> entries, @Nullable String nextCursor) {
    }

    /**
     * Entries older than {@code cursor} (from an earlier page; none for the newest), newest first.
     *
     * @param action an action's label to keep, or null for all
     * @param actor  an actor to keep, or null for all
     */
    Page page(@Nullable String action, @Nullable String actor, @Nullable String cursor, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInputException.of("size", "must be from 1 to " + MAX_SIZE);
        }
        String label = blank(action) ? null : AuditAction.ofLabel(action).map(AuditAction::label)
                .orElseThrow(() -> InvalidInputException.of("action", "must be one of " + Arrays.stream(AuditAction.values())
                        .map(AuditAction::label).collect(Collectors.joining(", "))));
        List<Line> lines = entries.page(before(cursor), label, blank(actor) ? null : actor.strip(), size + 1).stream()
                .map(AuditLog::line).toList();
        if (lines.size() <= size) {
            return new Page(lines, null);
        }
        List<Line> shown = lines.subList(0, size);
        return new Page(List.copyOf(shown), Long.toString(shown.get(size - 1).id()));
    }

    private static long before(@Nullable String cursor) {
        if (blank(cursor)) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(cursor.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below, as a cursor that did not come from a page
        }
        throw InvalidInputException.of("cursor", "is not a cursor from an earlier page");
    }

    private static Line line(AuditEntry entry) {
        String description = AuditAction.ofLabel(entry.action()).map(AuditAction::description).orElse(entry.action());
        return new Line(entry.id(), entry.at(), entry.actor(), entry.clientAddress(), entry.action(), description,
                entry.subject());
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
