package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tidings.core.NotFoundException;
import jakarta.inject.Singleton;

@Produces
@Singleton
class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {

    private final ErrorResponses responses;

    NotFoundHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotFoundException exception) {
        return responses.of(request, HttpStatus.NOT_FOUND, exception.getMessage());
    }
}
