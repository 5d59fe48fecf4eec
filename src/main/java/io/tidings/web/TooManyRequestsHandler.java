package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
class TooManyRequestsHandler implements ExceptionHandler<TooManyRequestsException, HttpResponse<?>> {

    private final ErrorResponses responses;

    TooManyRequestsHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyRequestsException exception) {
        return responses.of(request, HttpStatus.TOO_MANY_REQUESTS, exception.getMessage()).header("Retry-After", "60");
    }
}
