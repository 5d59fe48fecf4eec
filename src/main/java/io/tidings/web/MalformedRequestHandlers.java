package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;

/**
 * Where a request whose bytes do not parse becomes a 400, as problem+json or the error page. Malformed
 * JSON, query strings and paths already are 400s in Micronaut; these are the decoding failures it
 * leaves to its 500 handler.
 */
final class MalformedRequestHandlers {

    private MalformedRequestHandlers() {
    }

    /** The edge's own readers: {@link FormReader}, {@link TextReader}, {@link Form#value}. */
    @Produces
    @Singleton
    static class Malformed implements ExceptionHandler<MalformedRequestException, HttpResponse<?>> {

        private final ErrorResponses responses;

        Malformed(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, MalformedRequestException exception) {
            return responses.of(request, HttpStatus.BAD_REQUEST, exception.getMessage());
        }
    }

    /** Netty's form decoder, which Micronaut uses to bind a single field ({@code @Body("name")}). */
    @Produces
    @Singleton
    static class NettyForm implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> {

        private final ErrorResponses responses;

        NettyForm(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
            // Its message quotes the input back; the client has that already.
            return responses.of(request, HttpStatus.BAD_REQUEST, "The form could not be decoded.");
        }
    }
}
