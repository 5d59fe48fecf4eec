package io.tidings.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
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

    /**
     * The token the page being rendered puts in its forms: the browser's own, or a new one the
     * response then sets. Made only when a page needs it, not on every request.
     */
    static Optional<String> current() {
        return ServerRequestContext.currentRequest().map(CsrfTokens::tokenFor);
    }

    private static String tokenFor(HttpRequest<?> request) {
        Optional<String> held = request.getAttribute(TOKEN, String.class)
                .or(() -> cookie(request).filter(value -> WELL_FORMED.matcher(value).matches()));
        String token = held.orElseGet(Tokens::random);
        request.setAttribute(TOKEN, token);
        if (held.isEmpty()) {
            request.setAttribute(ISSUED, token);
        }
        return token;
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ISSUED, String.class).ifPresent(token -> response.cookie(Cookie.of(COOKIE, token)
                .path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secureCookie)));
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
