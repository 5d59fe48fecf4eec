package io.tidings.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.tidings.core.InvalidInputException;
import io.tidings.core.Refusal;
import jakarta.inject.Singleton;

/**
 * The product's own exceptions as 4xx answers, problem+json or the error page, each through
 * {@link ErrorResponses}. Malformed JSON, query strings and paths already are 400s in Micronaut; the
 * decoding failures here are those it leaves to its 500 handler.
 */
@Factory
class ErrorHandlers {

    @Produces
    @Singleton
    ExceptionHandler<InvalidInputException, HttpResponse<?>> invalidInput(ErrorResponses responses) {
        return (request, e) -> responses.of(request, HttpStatus.UNPROCESSABLE_ENTITY, e.errors());
    }

    @Produces
    @Singleton
    ExceptionHandler<Refusal, HttpResponse<?>> refusal(ErrorResponses responses) {
        return (request, refusal) -> responses.of(request, switch (refusal.kind()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        }, refusal.getMessage());
    }

    @Produces
    @Singleton
    ExceptionHandler<TooManyRequestsException, HttpResponse<?>> tooManyRequests(ErrorResponses responses) {
        return (request, e) -> responses.of(request, HttpStatus.TOO_MANY_REQUESTS, e.getMessage())
                .header("Retry-After", "60");
    }

    /** The edge's own readers: {@link FormReader}, {@link TextReader}, {@link Form#value}. */
    @Produces
    @Singleton
    ExceptionHandler<MalformedRequestException, HttpResponse<?>> malformed(ErrorResponses responses) {
        return (request, e) -> responses.of(request, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** Netty's form decoder, which Micronaut uses to bind a single field ({@code @Body("name")}). */
    @Produces
    @Singleton
    ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> nettyForm(
            ErrorResponses responses) {
        // Its message quotes the input back; the client has that already.
        return (request, e) -> responses.of(request, HttpStatus.BAD_REQUEST, "The form could not be decoded.");
    }
}
