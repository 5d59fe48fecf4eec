package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.web.AuthFailures;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's sign-in with the admin token, for the dashboard in a browser. The sign-in form is
 * the one open page under /admin; it carries the reader pages' double-submit CSRF token, so that no
 * other site can sign a browser in to a session of its choosing.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignInController {

    private final AdminToken token;
    private final AdminSessions sessions;
    private final AuthFailures failures;
    private final CsrfTokens csrf;
    private final AdminPages pages;
    private final AuditLog audit;

    SignInController(AdminToken token, AdminSessions sessions, AuthFailures failures, CsrfTokens csrf,
                     AdminPages pages, AuditLog audit) {
        this.token = token;
        this.sessions = sessions;
        this.failures = failures;
        this.csrf = csrf;
        this.pages = pages;
        this.audit = audit;
    }

    @Get(value = "/sign-in", produces = MediaType.TEXT_HTML)
    HttpResponse<String> form(HttpRequest<?> request, @QueryValue("signed-out") @Nullable String signedOut) {
        return pages.render(request, "sign-in", signedOut == null ? Map.of() : Map.of("notice", "You are signed out."));
    }

    @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> signIn(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String token = Objects.requireNonNullElse(form.value("token"), "").strip();
        Optional<Duration> wait = failures.waitFor(request, token);
        if (wait.isPresent()) {
            String seconds = AuthFailures.retryAfter(wait.get());
            return pages.render(request, HttpStatus.TOO_MANY_REQUESTS, "sign-in",
                    Map.of("problem", "Too many wrong tokens. Please wait " + seconds + " seconds and try again."))
                    .header(HttpHeaders.RETRY_AFTER, seconds);
        }
        if (!this.token.matches(token)) {
            failures.failed(request, token);
            // Nobody is known by a wrong token, and the token typed is never written down.
            audit.record(request, "unknown", AuditAction.SIGN_IN_FAILED, "wrong admin token");
            return pages.render(request, HttpStatus.UNAUTHORIZED, "sign-in",
                    Map.of("problem", "That is not the admin token. Check ADMIN_TOKEN (or the token the service printed at start) and try again."));
        }
        audit.record(request, AuditLog.ADMIN_TOKEN, AuditAction.SIGN_IN, "dashboard session");
        return HttpResponse.<String>seeOther(URI.create("/admin/")).cookie(sessions.open());
    }

    /** Ends the session on the server; the filters have checked its cookie and CSRF token. */
    @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(HttpRequest<?> request) {
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create("/admin/sign-in?signed-out=true"));
        request.getAttribute(AdminSessions.ATTRIBUTE, AdminSession.class)
                .ifPresent(session -> response.cookie(sessions.close(session)));
        audit.record(request, AuditAction.SIGN_OUT, "dashboard session");
        return response;
    }
}
