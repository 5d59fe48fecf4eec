package io.tidings.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.tidings.core.SiteConfig;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Operators' browser sessions, kept in the database so that any instance can check any of them.
 * A session ends at sign-out, after {@code idle-timeout} without a request, or {@code lifetime}
 * after sign-in, whichever comes first.
 */
@Singleton
class AdminSessions {

    static final String COOKIE = "tidings_admin";
    /** The request attribute under which SessionAuthentication leaves a cookie-authenticated request's session. */
    static final String ATTRIBUTE = "tidings.admin.session";
    /** A busy dashboard polls every 2 s; writing last_seen_at once a minute is enough for the idle timeout. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AdminSessionRepository sessions;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final boolean secureCookie;

    AdminSessions(AdminSessionRepository sessions, Clock clock, SiteConfig site,
                  @Value("${tidings.admin-session.idle-timeout}") Duration idleTimeout,
                  @Value("${tidings.admin-session.lifetime}") Duration lifetime) {
        this.sessions = sessions;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
        // Tests and local runs use plain http on 127.0.0.1, where a Secure cookie would never come back.
        this.secureCookie = site.publicBaseUrl().startsWith("https:");
    }

    /** A new session of the operator, and the cookie that carries its id: the only place the id itself exists. */
    Cookie open(long operatorId) {
        Instant now = clock.instant();
        sessions.deleteExpired(now.minus(idleTimeout), now.minus(lifetime));
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String value = Tokens.urlSafe(id);
        sessions.save(new AdminSession(Tokens.sha256(value), Tokens.random(), now, now, operatorId));
        return cookie(value);
    }

    /** The live session the request's cookie names, if any. */
    Optional<AdminSession> of(HttpRequest<?> request) {
        Instant now = clock.instant();
        return request.getCookies().findCookie(COOKIE)
                .flatMap(cookie -> sessions.findById(Tokens.sha256(cookie.getValue())))
                .filter(session -> session.lastSeenAt().isAfter(now.minus(idleTimeout))
                        && session.createdAt().isAfter(now.minus(lifetime)))
                .map(session -> {
                    if (session.lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
                        sessions.touch(session.idHash(), now);
                    }
                    return session;
                });
    }

    /** Ends the session on the server, so a copy of the cookie is worth nothing; returns a cookie that clears it. */
    Cookie close(AdminSession session) {
        sessions.deleteById(session.idHash());
        return cookie("").maxAge(0);
    }

    /** Ends every session of the operator (sign-out everywhere, a disabled or removed operator). */
    Cookie closeAll(long operatorId) {
        sessions.deleteByOperator(operatorId);
        return cookie("").maxAge(0);
    }

    /** Compares in constant time, so the token does not leak byte by byte through timing. */
    static boolean csrfMatches(AdminSession session, String submitted) {
        return submitted != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    private Cookie cookie(String value) {
        return Cookie.of(COOKIE, value).path("/admin").httpOnly(true).sameSite(SameSite.Strict).secure(secureCookie);
    }
}
