package io.tidings.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.BufferLengthExceededHandler;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.util.function.LongSupplier;

/**
 * A body over the limit: 413, saying where a larger one goes when its route names a place
 * ({@link LargerBodiesAt}). Bodies a route reads whole stop at {@code micronaut.server.max-request-buffer-size};
 * only a route that streams its body reaches {@code max-request-size}.
 */
final class LargeBodies {

    private LargeBodies() {
    }

    /** The 413 for one kind of body, read whole or streamed, each with its own limit. */
    abstract static class Handler<E extends Exception> implements ExceptionHandler<E, HttpResponse<?>> {

        private final ErrorResponses responses;
        private final LongSupplier limit;

        Handler(ErrorResponses responses, LongSupplier limit) {
            this.responses = responses;
            this.limit = limit;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, E e) {
            String elsewhere = RouteAttributes.getRouteInfo(request)
                    .flatMap(route -> route.getAnnotationMetadata().stringValue(LargerBodiesAt.class))
                    .map(where -> " " + where)
                    .orElse("");
            return responses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than "
                    + limit.getAsLong() + " bytes, the most this endpoint takes." + elsewhere);
        }
    }

    @Singleton
    @Replaces(BufferLengthExceededHandler.class)
    static class Buffered extends Handler<BufferLengthExceededException> {

        Buffered(ErrorResponses responses, HttpServerConfiguration server) {
            super(responses, server::getMaxRequestBufferSize);
        }
    }

    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class Streamed extends Handler<ContentLengthExceededException> {

        Streamed(ErrorResponses responses, HttpServerConfiguration server) {
            super(responses, server::getMaxRequestSize);
        }
    }
}
