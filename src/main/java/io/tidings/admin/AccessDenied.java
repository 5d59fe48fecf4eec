package io.tidings.admin;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.tidings.web.ErrorResponses;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Micronaut Security's refusals, in the service's own words: nobody signed in is a 401 problem (a
 * browser asking for a page is sent to the sign-in page instead); signed in without the right is a
 * 403 problem, or a readable page for a browser.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AccessDenied implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String REALM = "tidings-admin";
    static final String UNAUTHORIZED = "a valid admin bearer token or API key is required";
    private final ErrorResponses errors;

    AccessDenied(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return errors.of(request, HttpStatus.FORBIDDEN, "Your role or key does not allow this.");
        }
        if (wantsPage(request) && !request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return HttpResponse.seeOther(URI.create(AdminPaths.SIGN_IN));
        }
        return errors.of(request, HttpStatus.UNAUTHORIZED, UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
    }

    /** A browser navigating names text/html first-hand; API clients and scripts ask for JSON or anything. */
    private static boolean wantsPage(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    }
}
