package io.tidings.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.tidings.core.Refusal;
import io.tidings.core.SiteConfig;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cross-site request forgery protection for the reader's forms, by double submission: each browser
 * gets a random token in a {@code SameSite=Strict}, HttpOnly cookie, every form carries the same
 * token in a hidden field, and a POST counts only when the two match. Another site can make a
 * browser post a form, but can neither read nor set the cookie. The RFC 8058 one-click unsubscribe
 * comes from mail clients without cookies and is exempt (see UnsubscribeController).
 */
@Singleton
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CsrfTokens {

    static final String COOKIE = "tidings_csrf";
    private static final String TOKEN = "tidings.csrf.token";
    private static final String ISSUED = "tidings.csrf.issued";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32}");
    private final boolean secureCookie;

    CsrfTokens(SiteConfig site) {
        this.secureCookie = site.publicBaseUrl().startsWith("https:");
    }

    @RequestFilter
    void assign(HttpRequest<?> request) {
        Optional<String> held = cookie(request).filter(value -> WELL_FORMED.matcher(value).matches());
        request.setAttribute(TOKEN, held.orElseGet(Tokens::random));
        request.setAttribute(ISSUED, held.isEmpty());
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        // Only pages hold forms; JSON, metrics and assets go without a cookie.
        boolean page = response.getContentType().map(type -> type.matches(MediaType.TEXT_HTML_TYPE)).orElse(false);
        if (page && request.getAttribute(ISSUED, Boolean.class).orElse(false)) {
            response.cookie(Cookie.of(COOKIE, request.getAttribute(TOKEN, String.class).orElseThrow())
                    .path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secureCookie));
        }
    }

    /** The token the page being rendered puts in its forms. */
    static Optional<String> current() {
        return ServerRequestContext.currentRequest().flatMap(request -> request.getAttribute(TOKEN, String.class));
    }

    /** Refuses a form whose hidden token does not match the browser's cookie. */
    public void verify(HttpRequest<?> request, @Nullable String submitted) {
        String expected = cookie(request).orElse("");
        if (submitted == null || expected.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))) {
            throw new Forged();
        }
    }

    private static Optional<String> cookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }

    /** A form that did not come from this site's own page, or from a page loaded too long ago. */
    static final class Forged extends Refusal {
        Forged() {
            super(Kind.FORBIDDEN, "This form could not be accepted: it did not come from this site's page. "
                    + "Please go back, reload the page and try again.");
        }
    }
}
