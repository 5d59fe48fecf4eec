package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import io.tidings.web.AuthFailures;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's sign-in by email and password, sign-out, and sign-out everywhere. The sign-in form is
 * the open page under /admin; it carries the reader pages' double-submit CSRF token, so that no other
 * site can sign a browser in to a session of its choosing.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignInController {

    private static final String SIGNED_OUT = "/admin/sign-in?signed-out=true";
    private final Operators operators;
    private final AdminSessions sessions;
    private final SignInThrottle throttle;
    private final CsrfTokens csrf;
    private final AdminPages pages;
    private final AuditLog audit;

    SignInController(Operators operators, AdminSessions sessions, SignInThrottle throttle, CsrfTokens csrf,
                     AdminPages pages, AuditLog audit) {
        this.operators = operators;
        this.sessions = sessions;
        this.throttle = throttle;
        this.csrf = csrf;
        this.pages = pages;
        this.audit = audit;
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get(value = "/sign-in", produces = MediaType.TEXT_HTML)
    HttpResponse<String> form(HttpRequest<?> request, @QueryValue("signed-out") @Nullable String signedOut) {
        return pages.render(request, "sign-in", signedOut == null ? Map.of() : Map.of("notice", "You are signed out."));
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> signIn(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String email = Operators.normalized(form.value("email"));
        String password = Objects.requireNonNullElse(form.value("password"), "");
        Optional<Duration> wait = throttle.waitFor(request, email);
        if (wait.isPresent()) {
            String seconds = AuthFailures.retryAfter(wait.get());
            return pages.render(request, HttpStatus.TOO_MANY_REQUESTS, "sign-in", Map.of("email", email,
                    "problem", "Too many wrong sign-ins. Please wait " + seconds + " seconds and try again."))
                    .header(HttpHeaders.RETRY_AFTER, seconds);
        }
        Optional<Operator> operator = operators.authenticate(email, password);
        if (operator.isEmpty()) {
            throttle.failed(request, email);
            // The address typed is who tried; the password typed is never written down.
            audit.record(request, email, AuditAction.SIGN_IN_FAILED, "wrong email or password");
            return pages.render(request, HttpStatus.UNAUTHORIZED, "sign-in", Map.of("email", email,
                    "problem", "That email address and password do not match an operator. Check both and try again."));
        }
        audit.record(request, operator.get().email(), AuditAction.SIGN_IN, "console session");
        return HttpResponse.<String>seeOther(URI.create("/admin/")).cookie(sessions.open(operator.get().id()));
    }

    /** Ends this session on the server; security and the CSRF filter have checked its cookie and token. */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(HttpRequest<?> request) {
        audit.record(request, AuditAction.SIGN_OUT, "console session");
        return request.getAttribute(AdminSessions.ATTRIBUTE, AdminSession.class)
                .<HttpResponse<?>>map(session -> HttpResponse.seeOther(URI.create(SIGNED_OUT)).cookie(sessions.close(session)))
                .orElseGet(() -> HttpResponse.seeOther(URI.create(SIGNED_OUT)));
    }

    /** Ends every session of the signed-in operator, on every browser and instance. */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post(value = "/sign-out-everywhere", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOutEverywhere(HttpRequest<?> request) {
        audit.record(request, AuditAction.SIGN_OUT, "every console session");
        return request.getAttribute(AdminSessions.ATTRIBUTE, AdminSession.class)
                .<HttpResponse<?>>map(session -> HttpResponse.seeOther(URI.create(SIGNED_OUT))
                        .cookie(sessions.closeAll(session.operatorId())))
                .orElseGet(() -> HttpResponse.seeOther(URI.create(SIGNED_OUT)));
    }
}
