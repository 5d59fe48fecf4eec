package io.tidings.subscription;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tidings.web.ErrorResponses;
import jakarta.inject.Singleton;

/** An unknown link is a 404; an expired or spent one is gone for good (410). */
@Produces
@Singleton
class InvalidLinkHandler implements ExceptionHandler<InvalidLinkException, HttpResponse<?>> {

    private final ErrorResponses responses;

    InvalidLinkHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidLinkException exception) {
        HttpStatus status = exception.reason() == InvalidLinkException.Reason.UNKNOWN
                ? HttpStatus.NOT_FOUND : HttpStatus.GONE;
        return responses.of(request, status, exception.getMessage());
    }
}
