package io.tidings.admin;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.tidings.web.AuthFailures;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code Authorization: Bearer <key>} on /admin paths: ADMIN_TOKEN (every right) or an API key (its
 * scopes). Behind the throttle on wrong tokens: a client or key prefix over it is refused with 429
 * before its token is compared, even a right one. A key is looked up by its hash alone, so a wrong
 * key costs what a missing one does.
 */
@Singleton
class BearerAuthentication implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String BEARER = "Bearer ";
    private final AdminToken token;
    private final ApiKeys keys;
    private final AuthFailures failures;
    private final Scheduler blocking;

    BearerAuthentication(AdminToken token, ApiKeys keys, AuthFailures failures,
                         @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.token = token;
        this.keys = keys;
        this.failures = failures;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !AdminPaths.covers(request)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> authenticate(request, authorization).orElse(null)).subscribeOn(blocking);
    }

    private Optional<Authentication> authenticate(HttpRequest<?> request, String authorization) {
        boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String presented = bearer ? authorization.substring(BEARER.length()).strip() : authorization;
        Optional<Duration> wait = failures.waitFor(request, presented);
        if (wait.isPresent()) {
            throw new TooManyGuesses(wait.get());
        }
        Optional<Authentication> found = !bearer || presented.isEmpty() ? Optional.empty()
                : token.matches(presented) ? Optional.of(AdminToken.CALLER.authentication(AdminToken.NAME))
                : keys.caller(presented).map(caller -> caller.authentication("api-key-" + caller.apiKeyId()));
        if (found.isEmpty()) {
            failures.failed(request, presented);
        }
        return found;
    }
}
