package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tidings.core.Refusal;
import jakarta.inject.Singleton;

@Produces
@Singleton
class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<?>> {

    private final ErrorResponses responses;

    RefusalHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return responses.of(request, status, refusal.getMessage());
    }
}
