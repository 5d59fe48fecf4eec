package io.tidings.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.tidings.web.ClientAddresses;
import io.tidings.web.Throttle;
import io.tidings.web.Throttles;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * A brake on guessing passwords: each client address may sign in wrongly {@code per-client} times per
 * window, and each account {@code per-account} times from all addresses together; past either, sign-in
 * is refused before the password is checked, even a right one, until the window refills.
 */
@Singleton
class SignInThrottle {

    private final Throttle perClient;
    private final Throttle perAccount;
    private final ClientAddresses clients;

    SignInThrottle(Throttles throttles, ClientAddresses clients,
                   @Value("${tidings.auth-throttle.per-client}") int perClient,
                   @Value("${tidings.auth-throttle.per-account:30}") int perAccount,
                   @Value("${tidings.auth-throttle.window}") Duration window) {
        this.perClient = throttles.of("sign-in-per-client", perClient, window);
        this.perAccount = throttles.of("sign-in-per-account", perAccount, window);
        this.clients = clients;
    }

    Optional<Duration> waitFor(HttpRequest<?> request, String email) {
        return perClient.waitFor(clients.of(request)).or(() -> perAccount.waitFor(email));
    }

    void failed(HttpRequest<?> request, String email) {
        perClient.tryTake(clients.of(request));
        perAccount.tryTake(email);
    }
}
