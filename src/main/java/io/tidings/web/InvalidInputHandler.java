package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

@Produces
@Singleton
class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<?>> {

    private final ErrorResponses responses;

    InvalidInputHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidInputException exception) {
        return responses.of(request, HttpStatus.UNPROCESSABLE_ENTITY, exception.errors());
    }
}
