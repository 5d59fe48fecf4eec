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
import io.tidings.core.TokenSigner;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cross-site request forgery protection for the reader's forms. Each browser gets a random value in
 * a {@code SameSite=Strict}, HttpOnly cookie; every form carries an HMAC of that value under the
 * service key, and a POST counts only when the two belong together. Another site can make a browser
 * post a form but cannot read the cookie, and a cookie it plants (from a sibling subdomain, say) is
 * useless without the key to sign it. Against a pair the attacker got on its own visit and plants
 * whole, the cookie is {@code __Host-} prefixed when the site is https: browsers accept such a cookie
 * only from this host itself, over https. The RFC 8058 one-click unsubscribe comes from mail clients
 * without cookies and is exempt (see UnsubscribeController).
 */
@Singleton
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CsrfTokens {

    private static final String FIELD = "tidings.csrf.field";
    private static final String ISSUED = "tidings.csrf.issued";
    private static final String PURPOSE = "csrf";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32}");
    private final TokenSigner signer;
    private final boolean secureCookie;
    private final String cookieName;

    CsrfTokens(TokenSigner signer, SiteConfig site) {
        this.signer = signer;
        this.secureCookie = site.publicBaseUrl().startsWith("https:");
        // A plain-http local run cannot set a __Host- cookie: browsers require Secure for it.
        this.cookieName = secureCookie ? "__Host-tidings_csrf" : "tidings_csrf";
    }

    /**
     * The token the page being rendered puts in its forms, signed from the browser's own cookie or
     * from a new one the response then sets. Made only when a page needs it, not on every request.
     */
    Optional<String> current() {
        return ServerRequestContext.currentRequest().map(this::fieldFor);
    }

    private String fieldFor(HttpRequest<?> request) {
        return request.getAttribute(FIELD, String.class).orElseGet(() -> {
            Optional<String> held = cookie(request);
            String value = held.orElseGet(Tokens::random);
            if (held.isEmpty()) {
                request.setAttribute(ISSUED, value);
            }
            String field = signer.sign(PURPOSE, value);
            request.setAttribute(FIELD, field);
            return field;
        });
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ISSUED, String.class).ifPresent(value -> response.cookie(Cookie.of(cookieName, value)
                .path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secureCookie)));
    }

    /** Refuses a form whose hidden token was not signed from the browser's own cookie. */
    public void verify(HttpRequest<?> request, @Nullable String submitted) {
        Optional<String> value = cookie(request);
        if (submitted == null || value.isEmpty() || !MessageDigest.isEqual(
                signer.sign(PURPOSE, value.get()).getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8))) {
            throw new Forged();
        }
    }

    private Optional<String> cookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(cookieName).map(Cookie::getValue)
                .filter(value -> WELL_FORMED.matcher(value).matches());
    }

    /** A form that did not come from this site's own page, or from a page loaded too long ago. */
    static final class Forged extends Refusal {
        Forged() {
            super(Kind.FORBIDDEN, "This form could not be accepted: it did not come from this site's page. "
                    + "Please go back, reload the page and try again.");
        }
    }
}
