package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every response. Pages carry tokens in their URLs, so no Referer may leak them; pages
 * load nothing from elsewhere and may not be framed. A response that set its own policy keeps it
 * (an email's preview, {@link Pages#emailPreview}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter {

    static final String CSP = "Content-Security-Policy";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /**
     * Swagger UI and the operator's dashboard run their own scripts, which read the API description
     * and progress from this origin; reader pages run none.
     */
    static final String SCRIPTED_POLICY = CONTENT_SECURITY_POLICY + "; script-src 'self'; connect-src 'self'";

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        boolean scripted = path.startsWith("/swagger-ui") || path.startsWith("/admin");
        if (!response.getHeaders().contains(CSP)) {
            response.header(CSP, scripted ? SCRIPTED_POLICY : CONTENT_SECURITY_POLICY);
        }
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
    }
}
