package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tidings.web.ErrorResponses;

/** Every {@code /admin/**} request carries {@code Authorization: Bearer <admin token>}, or gets a 401. */
@ServerFilter("/admin/**")
class AdminAuthFilter {

    private static final String BEARER = "Bearer ";
    private final AdminToken token;
    private final ErrorResponses errors;

    AdminAuthFilter(AdminToken token, ErrorResponses errors) {
        this.token = token;
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(authorization.substring(BEARER.length()).strip())) {
            return null;
        }
        return errors.of(request, HttpStatus.UNAUTHORIZED, "a valid admin bearer token is required")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tidings-admin\"");
    }
}
