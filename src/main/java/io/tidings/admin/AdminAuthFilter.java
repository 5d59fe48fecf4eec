package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.web.BearerAuth;

import java.net.URI;
import java.util.Optional;

/**
 * Every {@code /admin/**} request carries {@code Authorization: Bearer <admin token>} or the cookie
 * of a live sign-in session, or gets a 401 (a browser asking for a page is sent to the sign-in page
 * instead). Only the sign-in page is open. Unsafe requests with the cookie then meet AdminCsrfFilter.
 */
@ServerFilter("/admin/**")
class AdminAuthFilter implements Ordered {

    static final String SIGN_IN = "/admin/sign-in";
    static final String REALM = "tidings-admin";
    static final String PROBLEM = "a valid admin bearer token is required";
    private final AdminToken token;
    private final AdminSessions sessions;
    private final BearerAuth bearer;

    AdminAuthFilter(AdminToken token, AdminSessions sessions, BearerAuth bearer) {
        this.token = token;
        this.sessions = sessions;
        this.bearer = bearer;
    }

    /** Before AdminCsrfFilter, which needs the session this filter finds. */
    @Override
    public int getOrder() {
        return AdminCsrfFilter.ORDER - 1;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING) // a session is looked up in the database
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getPath().equals(SIGN_IN)) {
            return null;
        }
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            // A request that names a token stands or falls by it, never by a cookie it also carries.
            return bearer.refusal(request, token.secret(), REALM, PROBLEM);
        }
        Optional<AdminSession> session = sessions.of(request);
        if (session.isPresent()) {
            request.setAttribute(AdminSessions.ATTRIBUTE, session.get());
            return null;
        }
        if (wantsPage(request)) {
            return HttpResponse.seeOther(URI.create(SIGN_IN));
        }
        return bearer.refusal(request, token.secret(), REALM, PROBLEM);
    }

    /** A browser navigating names text/html first-hand; API clients and scripts ask for JSON or anything. */
    private static boolean wantsPage(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    }
}
