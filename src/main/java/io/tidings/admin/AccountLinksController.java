package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;
import io.tidings.web.Throttle;
import io.tidings.web.Throttles;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pages single-use links open: accepting an invitation (name and password), asking for a password
 * reset, and choosing the new password. Open (the link is the credential), with the reader pages'
 * double-submit CSRF token like the sign-in form.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
class AccountLinksController {

    static final String INVITATION = "/admin/invitation";
    static final String RESET = "/admin/password-reset";
    static final String NEW_PASSWORD = "/admin/password-reset/new";
    private static final String GONE = "This link was used or has expired. Ask an owner for a new invitation, "
            + "or ask for a new password reset.";
    /** Reset emails one address may be sent per hour, however often it is asked for. */
    private static final int RESETS_PER_HOUR = 3;
    private final AccountLinks accounts;
    private final AdminSessions sessions;
    private final CsrfTokens csrf;
    private final AdminPages pages;
    private final Throttle resetsPerAddress;

    AccountLinksController(AccountLinks accounts, AdminSessions sessions, CsrfTokens csrf, AdminPages pages,
                           Throttles throttles) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
        this.resetsPerAddress = throttles.of("password-resets-per-address", RESETS_PER_HOUR, Duration.ofHours(1));
    }

    @Get(value = "/invitation", produces = MediaType.TEXT_HTML)
    HttpResponse<String> invitation(HttpRequest<?> request, @QueryValue @Nullable String token) {
        return accounts.valid(token, OperatorLink.Purpose.INVITATION)
                ? page(request, HttpStatus.OK, invitationModel(token)) : gone(request);
    }

    @Post(value = "/invitation", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> accept(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String token = form.value("token");
        if (!accounts.valid(token, OperatorLink.Purpose.INVITATION)) {
            return gone(request);
        }
        String name = Objects.requireNonNullElse(form.value("name"), "").strip();
        String problem = name.isEmpty() || name.length() > 200 ? "Give your name (at most 200 characters)."
                : Passwords.problem(form.value("password"));
        if (problem != null) {
            Map<String, Object> model = invitationModel(token);
            model.putAll(Map.of("problem", problem, "name", name));
            return page(request, HttpStatus.UNPROCESSABLE_ENTITY, model);
        }
        return signedIn(accounts.accept(token, name, form.value("password")), request);
    }

    @Get(value = "/password-reset", produces = MediaType.TEXT_HTML)
    HttpResponse<String> resetForm(HttpRequest<?> request) {
        return pages.render(request, "password-reset", Map.of());
    }

    /** The same answer whether or not the address is an operator's. */
    @Post(value = "/password-reset", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> requestReset(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String email = Operators.normalized(form.value("email"));
        if (!email.isEmpty() && resetsPerAddress.tryTake(email)) {
            accounts.requestReset(email);
        }
        return pages.render(request, "password-reset", Map.of("notice",
                "If that address is an operator's, a link to choose a new password is on its way to it."));
    }

    @Get(value = "/password-reset/new", produces = MediaType.TEXT_HTML)
    HttpResponse<String> newPasswordForm(HttpRequest<?> request, @QueryValue @Nullable String token) {
        return accounts.valid(token, OperatorLink.Purpose.PASSWORD_RESET)
                ? page(request, HttpStatus.OK, newPasswordModel(token)) : gone(request);
    }

    @Post(value = "/password-reset/new", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> newPassword(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String token = form.value("token");
        if (!accounts.valid(token, OperatorLink.Purpose.PASSWORD_RESET)) {
            return gone(request);
        }
        String problem = Passwords.problem(form.value("password"));
        if (problem != null) {
            Map<String, Object> model = newPasswordModel(token);
            model.put("problem", problem);
            return page(request, HttpStatus.UNPROCESSABLE_ENTITY, model);
        }
        return signedIn(accounts.resetPassword(token, form.value("password")), request);
    }

    private HttpResponse<String> signedIn(Optional<Operator> operator, HttpRequest<?> request) {
        return operator.<HttpResponse<String>>map(found -> HttpResponse.<String>seeOther(URI.create("/admin/"))
                .cookie(sessions.open(found.id()))).orElseGet(() -> gone(request));
    }

    private static Map<String, Object> invitationModel(String token) {
        return new HashMap<>(Map.of("heading", "Accept your invitation", "action", INVITATION, "token", token,
                "askName", true, "submit", "Create my account and sign in"));
    }

    private static Map<String, Object> newPasswordModel(String token) {
        return new HashMap<>(Map.of("heading", "Choose a new password", "action", NEW_PASSWORD, "token", token,
                "submit", "Save the password and sign in"));
    }

    private HttpResponse<String> page(HttpRequest<?> request, HttpStatus status, Map<String, Object> model) {
        return pages.render(request, status, "set-password", model);
    }

    private HttpResponse<String> gone(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.NOT_FOUND, "set-password", Map.of("heading", "This link does not work",
                "problem", GONE));
    }
}
