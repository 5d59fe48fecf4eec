package io.tidings.admin;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.tidings.core.InvalidInputException;
import io.tidings.core.Refusal;
import io.tidings.web.Form;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The console's operators and API keys page (whoever may manage operators): invite, change a role, remove, make a key
 * (shown on the page once) and revoke one. A refused form shows the page again with the reason.
 */
@AdminApi
@Controller("/admin/dashboard/operators")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Rights.OPERATORS_MANAGE)
class OperatorPagesController {

    private final Operators operators;
    private final AccountLinks accounts;
    private final ApiKeys keys;
    private final AdminPages pages;
    private final AuditLog audit;

    OperatorPagesController(Operators operators, AccountLinks accounts, ApiKeys keys, AdminPages pages, AuditLog audit) {
        this.operators = operators;
        this.accounts = accounts;
        this.keys = keys;
        this.pages = pages;
        this.audit = audit;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request, Authentication authentication) {
        return render(request, HttpStatus.OK, authentication, Map.of());
    }

    @Post(uri = "/invite", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> invite(HttpRequest<?> request, @Body @Nullable Form body, Authentication authentication) {
        Form form = Form.orEmpty(body);
        return after(request, authentication, HttpStatus.OK, () -> {
            String email = Roles.email(form.value("email"));
            Rights.Role role = Roles.parse(form.value("role"));
            accounts.invite(email, role);
            audit.record(request, AuditAction.OPERATOR_INVITED, AuditSubjects.invitation(email, role));
            return Map.of("notice", "An invitation is on its way to " + email + ".");
        });
    }

    @Post(uri = "/{id}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> remove(HttpRequest<?> request, @PathVariable long id, Authentication authentication) {
        return after(request, authentication, HttpStatus.OK, () -> {
            operators.remove(id, Caller.of(authentication).operatorId());
            audit.record(request, AuditAction.OPERATOR_REMOVED, "operator " + id);
            return Map.of("notice", "The operator is removed and signed out everywhere.");
        });
    }

    /** A new role, and whether a viewer sees readers' addresses (a checkbox: present means yes). */
    @Post(uri = "/{id}/role", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> changeRole(HttpRequest<?> request, @PathVariable long id, @Body @Nullable Form body,
                                    Authentication authentication) {
        Form form = Form.orEmpty(body);
        return after(request, authentication, HttpStatus.OK, () -> {
            Operator changed = operators.change(id, Roles.parse(form.value("role")),
                    form.value("mayReadAddresses") != null, Caller.of(authentication).operatorId());
            audit.record(request, AuditAction.OPERATOR_ROLE_CHANGED, AuditSubjects.role(changed));
            return Map.of("notice", changed.email() + " is now " + Roles.label(changed.role()) + ".");
        });
    }

    /** 201 with the page showing the new key, this once. */
    @Post(uri = "/keys", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> createKey(HttpRequest<?> request, @Body @Nullable Form body, Authentication authentication) {
        Form form = Form.orEmpty(body);
        return after(request, authentication, HttpStatus.CREATED, () -> {
            ApiKeys.Created key = keys.create(form.value("name"), form.values("scopes"), Caller.of(authentication));
            audit.record(request, AuditAction.API_KEY_CREATED, AuditSubjects.key(key.key()));
            return Map.of("newKey", key.secret(),
                    "notice", "The key for " + key.key().name() + " is below. Copy it now: it is not shown again.");
        });
    }

    @Post(uri = "/keys/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> revokeKey(HttpRequest<?> request, @PathVariable long id, Authentication authentication) {
        return after(request, authentication, HttpStatus.OK, () -> {
            keys.revoke(id);
            audit.record(request, AuditAction.API_KEY_REVOKED, "API key " + id);
            return Map.of("notice", "The key is revoked.");
        });
    }

    /** Runs the form's action and shows the page with what it returned, or again with the reason it was refused. */
    private HttpResponse<String> after(HttpRequest<?> request, Authentication authentication, HttpStatus status,
                                       Supplier<Map<String, ?>> action) {
        try {
            return render(request, status, authentication, action.get());
        } catch (InvalidInputException invalid) {
            return render(request, HttpStatus.UNPROCESSABLE_ENTITY, authentication, Map.of("problem", invalid.errors()
                    .stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; "))));
        } catch (Refusal refusal) {
            HttpStatus refused = switch (refusal.kind()) {
                case FORBIDDEN -> HttpStatus.FORBIDDEN;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT, TOO_LARGE -> HttpStatus.CONFLICT;
            };
            return render(request, refused, authentication, Map.of("problem", refusal.getMessage()));
        }
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, Authentication authentication,
                                        Map<String, ?> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("operators", operators.all().stream().map(OperatorController.OperatorView::of).toList());
        model.put("keys", keys.all().stream().map(ApiKeyController.KeyView::of).toList());
        model.put("scopes", new TreeSet<>(Caller.of(authentication).rights()));
        model.put("me", Caller.of(authentication).operatorId());
        model.put("roles", Arrays.stream(Rights.Role.values()).map(Roles::label).toList());
        return pages.render(request, status, "operators", model);
    }
}
