package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tidings.web.BearerAuth;

import java.security.Principal;

/**
 * The health document shows its parts only to an operator: a request with the admin bearer token
 * (checked as under /admin, throttle included). Probes send no token and get the status alone; a
 * wrong token gets 401, so that the document is no quiet oracle for guesses.
 */
@ServerFilter({"/health", "/health/**"})
class OperatorHealthFilter {

    private static final Principal OPERATOR = () -> "operator";
    private final AdminToken token;
    private final BearerAuth bearer;

    OperatorHealthFilter(AdminToken token, BearerAuth bearer) {
        this.token = token;
        this.bearer = bearer;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        HttpResponse<?> refusal = bearer.refusal(request, token.secret(), AdminAuthFilter.REALM, AdminAuthFilter.PROBLEM);
        if (refusal == null) {
            request.setUserPrincipal(OPERATOR);
        }
        return refusal;
    }
}
