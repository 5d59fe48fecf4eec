package io.tidings.web;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * A brake on guessing a token (the admin token, as a bearer header or in the sign-in form; the
 * metrics token). Each client address may present a wrong one {@code per-client} times per window,
 * and all addresses together {@code per-key-prefix} times for tokens that begin with the same few
 * characters, so that guesses at one key spread over many addresses are slowed as well. Over either
 * limit a request is refused before its token is compared, even a right one: an answer that told
 * them apart would let the guessing go on.
 */
@Singleton
public class AuthFailures {

    /** Enough to tell keys apart, far too little to say anything about a 192-bit token. */
    static final int PREFIX_LENGTH = 6;
    private final Throttle perClient;
    private final Throttle perPrefix;
    private final ClientAddresses clients;

    AuthFailures(AuthThrottleConfig config, Throttles throttles, ClientAddresses clients) {
        this.perClient = throttles.of("auth-failures-per-client", config.perClient(), config.window());
        this.perPrefix = throttles.of("auth-failures-per-key-prefix", config.perKeyPrefix(), config.window());
        this.clients = clients;
    }

    /** How long before this request's token may be looked at; empty when it may be now. */
    public Optional<Duration> waitFor(HttpRequest<?> request, String presented) {
        return perClient.waitFor(clients.of(request)).or(() -> perPrefix.waitFor(prefix(presented)));
    }

    /** A Retry-After value: whole seconds, rounded up. */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, wait.plusMillis(999).toSeconds()));
    }

    public void failed(HttpRequest<?> request, String presented) {
        perClient.tryTake(clients.of(request));
        perPrefix.tryTake(prefix(presented));
    }

    private static String prefix(String presented) {
        return presented.substring(0, Math.min(PREFIX_LENGTH, presented.length()));
    }
}
