package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.filter.FilterPatternStyle;
import io.tidings.web.ErrorResponses;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery protection for the operator's browser session: a POST, PUT, PATCH or
 * DELETE made with the session cookie counts only with the session's own token, in the form field
 * {@code csrf} or the header {@code X-CSRF-Token}. Bearer-token requests need none: no browser adds
 * that header by itself.
 *
 * <p>Why not micronaut-security-csrf's filter: it checks only requests of the content types it is given
 * (an unsafe request without a body, such as a pause button's fetch, would pass unchecked) and cannot
 * tell a bearer request, which needs no token, from a cookie one.
 *
 * <p>The token is stored with the session rather than double-submitted in a cookie (as the reader
 * forms do): a cookie can be planted by a sibling subdomain or a plain-http response on the same host,
 * which would let a forger choose both halves; a server-side token cannot be planted, belongs to one
 * session and dies with it at sign-out.
 */
// Every /admin path but the large import's upload, whose body must stream to disk unread: see AdminUploadCsrfFilter.
@ServerFilter(patterns = "/admin(/(?!subscribers/imports$).*)?", patternStyle = FilterPatternStyle.REGEX)
class AdminCsrfFilter implements Ordered {

    /** After Micronaut Security's filter, whose SessionAuthentication leaves the session on the request. */
    static final int ORDER = ServerFilterPhase.SECURITY.after();
    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private final ErrorResponses errors;

    AdminCsrfFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The body is bound only once security let the request through: a stranger's upload is never read. */
    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request, @Body @Nullable String body) {
        return check(request, body);
    }

    /** Null when the request may go on; otherwise the 403 answer. */
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, @Nullable String body) {
        Optional<AdminSession> session = request.getAttribute(AdminSessions.ATTRIBUTE, AdminSession.class);
        if (session.isEmpty() || SAFE.contains(request.getMethod()) || AdminPaths.OPEN_FORMS.contains(request.getPath())) {
            return null;
        }
        String submitted = Optional.ofNullable(request.getHeaders().get(HEADER)).orElseGet(() -> formField(request, body));
        if (AdminSessions.csrfMatches(session.get(), submitted)) {
            return null;
        }
        return errors.of(request, HttpStatus.FORBIDDEN, "This form could not be accepted: it did not come from "
                + "this dashboard's page. Please go back, reload the page and try again.");
    }

    @Nullable
    private static String formField(HttpRequest<?> request, @Nullable String body) {
        boolean form = request.getContentType().filter(MediaType.APPLICATION_FORM_URLENCODED_TYPE::matches).isPresent();
        if (!form || body == null) {
            return null;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(FIELD)) {
                try {
                    return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }
}
