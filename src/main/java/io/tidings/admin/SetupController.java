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

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The first owner's set-up, through the single-use link the service logs at its first start when no
 * operator exists and ADMIN_PASSWORD is unset. Open (the link is the credential), with the reader
 * pages' double-submit CSRF token like the sign-in form.
 */
@Controller(SetupController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
class SetupController {

    static final String PATH = "/admin/setup";
    private static final String GONE = "This set-up link was used or has expired. Restart the service without "
            + "operators for a new one, or set ADMIN_EMAIL and ADMIN_PASSWORD.";
    private final OperatorLinks links;
    private final Operators operators;
    private final AdminSessions sessions;
    private final CsrfTokens csrf;
    private final AdminPages pages;

    SetupController(OperatorLinks links, Operators operators, AdminSessions sessions, CsrfTokens csrf, AdminPages pages) {
        this.links = links;
        this.operators = operators;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> form(HttpRequest<?> request, @QueryValue @Nullable String token) {
        if (links.valid(token, OperatorLink.Purpose.SETUP).isEmpty()) {
            return gone(request);
        }
        return pages.render(request, "set-password", model(token));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> setUp(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String token = form.value("token");
        if (links.valid(token, OperatorLink.Purpose.SETUP).isEmpty()) {
            return gone(request);
        }
        String email = Operators.normalized(form.value("email"));
        String name = Objects.requireNonNullElse(form.value("name"), "").strip();
        String password = form.value("password");
        String problem = Roles.looksLikeEmail(email) && !name.isEmpty() && name.length() <= 200
                ? Passwords.problem(password) : "Give your email address and your name.";
        if (problem != null) {
            Map<String, Object> model = model(token);
            model.putAll(Map.of("problem", problem, "email", email, "name", name));
            return pages.render(request, HttpStatus.UNPROCESSABLE_ENTITY, "set-password", model);
        }
        if (!links.use(token)) {
            return gone(request);
        }
        Operator owner = operators.create(email, name, Rights.Role.OWNER, password);
        return HttpResponse.<String>seeOther(URI.create("/admin/")).cookie(sessions.open(owner.id()));
    }

    private static Map<String, Object> model(String token) {
        return new HashMap<>(Map.of("heading", "Set up the first owner", "action", PATH, "token", token,
                "askEmail", true, "askName", true, "submit", "Create the owner and sign in"));
    }

    private HttpResponse<String> gone(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.NOT_FOUND, "set-password",
                Map.of("heading", "This set-up link does not work", "problem", GONE));
    }
}
