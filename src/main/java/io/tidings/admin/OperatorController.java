package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Operators, for whoever may manage them: the list, invitations by email, roles, removal. */
@Tag(name = "Admin: operators")
@AdminApi
@Controller("/admin/operators")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Rights.OPERATORS_MANAGE)
class OperatorController {

    private final Operators operators;
    private final AccountLinks accounts;
    private final AuditLog audit;

    OperatorController(Operators operators, AccountLinks accounts, AuditLog audit) {
        this.operators = operators;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Serdeable
    record OperatorView(long id, String email, String name, String role, boolean mayReadAddresses, Instant createdAt,
                        @Nullable Instant disabledAt) {

        static OperatorView of(Operator operator) {
            return new OperatorView(operator.id(), operator.email(), operator.name(), Roles.label(operator.role()),
                    operator.mayReadAddresses(), operator.createdAt(), operator.disabledAt());
        }
    }

    @Serdeable
    record Change(@Nullable String role, @Nullable Boolean mayReadAddresses) {
    }

    @Serdeable
    record OperatorList(List<OperatorView> items) {
    }

    @Serdeable
    record Invite(@Nullable String email, @Nullable String role) {
    }

    @Serdeable
    record Invited(String status, String email) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    OperatorList list() {
        return new OperatorList(operators.all().stream().map(OperatorView::of).toList());
    }

    /** 202: the invitation's single-use link is on its way through the outbox. */
    @Post(uri = "/invitations", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Invited> invite(HttpRequest<?> request, @Body Invite body) {
        String email = Roles.email(body.email());
        Rights.Role role = Roles.parse(body.role());
        accounts.invite(email, role);
        audit.record(request, AuditAction.OPERATOR_INVITED, AuditSubjects.invitation(email, role));
        return HttpResponse.accepted().body(new Invited("invited", email));
    }

    /** A new role, and whether a viewer sees readers' addresses; 409 for one's own role. */
    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    OperatorView change(HttpRequest<?> request, @PathVariable long id, @Body Change body, Authentication authentication) {
        Operator changed = operators.change(id, Roles.parse(body.role()), Boolean.TRUE.equals(body.mayReadAddresses()),
                Caller.of(authentication).operatorId());
        audit.record(request, AuditAction.OPERATOR_ROLE_CHANGED, AuditSubjects.role(changed));
        return OperatorView.of(changed);
    }

    /** Disables the operator and ends their sessions; 409 for oneself. */
    @Delete("/{id}")
    HttpResponse<?> remove(HttpRequest<?> request, @PathVariable long id, Authentication authentication) {
        operators.remove(id, Caller.of(authentication).operatorId());
        audit.record(request, AuditAction.OPERATOR_REMOVED, "operator " + id);
        return HttpResponse.noContent();
    }
}
