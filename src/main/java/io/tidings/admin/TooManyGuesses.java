package io.tidings.admin;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tidings.web.AuthFailures;
import io.tidings.web.ErrorResponses;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Too many wrong tokens from a client, or for a key prefix: 429 with how long to wait. */
final class TooManyGuesses extends RuntimeException {

    private final Duration wait;

    TooManyGuesses(Duration wait) {
        super("Too many wrong tokens from your address. Please wait and try again.", null, false, false);
        this.wait = wait;
    }

    @Singleton
    static class Handler implements ExceptionHandler<TooManyGuesses, HttpResponse<?>> {

        private final ErrorResponses errors;

        Handler(ErrorResponses errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(io.micronaut.http.HttpRequest request, TooManyGuesses exception) {
            return errors.of(request, HttpStatus.TOO_MANY_REQUESTS, exception.getMessage())
                    .header(HttpHeaders.RETRY_AFTER, AuthFailures.retryAfter(exception.wait));
        }
    }
}
