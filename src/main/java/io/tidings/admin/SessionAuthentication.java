package io.tidings.admin;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The console's sign-in: the session cookie of an active operator, on /admin paths. A request that
 * names a token in Authorization stands or falls by it ({@link BearerAuthentication}), never by a
 * cookie it also carries. The session is left on the request for the CSRF check and the pages' forms.
 */
@Singleton
class SessionAuthentication implements AuthenticationFetcher<HttpRequest<?>> {

    private final AdminSessions sessions;
    private final Operators operators;
    private final Scheduler blocking;

    SessionAuthentication(AdminSessions sessions, Operators operators,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.operators = operators;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!AdminPaths.covers(request) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getCookies().findCookie(AdminSessions.COOKIE).isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> authenticate(request).orElse(null)).subscribeOn(blocking);
    }

    private Optional<Authentication> authenticate(HttpRequest<?> request) {
        return sessions.of(request).flatMap(session -> operators.byId(session.operatorId())
                .filter(Operator::active)
                .map(operator -> {
                    request.setAttribute(AdminSessions.ATTRIBUTE, session);
                    return new Caller(operator.id(), null, operator.rights()).authentication(operator.email());
                }));
    }
}
