package io.tidings.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tidings.core.FieldError;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** Turns a product's own error into the framework's error response: problem+json or a page. */
@Singleton
public class ErrorResponses {

    private final ErrorResponseProcessor<?> processor;

    ErrorResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, String message) {
        return processor.processResponse(ErrorContext.builder(request).errorMessage(message).build(),
                HttpResponse.status(status));
    }

    public MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, List<FieldError> fields) {
        List<Error> errors = fields.stream().<Error>map(FieldErrorAdapter::new).toList();
        return processor.processResponse(ErrorContext.builder(request).errors(errors).build(),
                HttpResponse.status(status));
    }

    private record FieldErrorAdapter(FieldError field) implements Error {

        @Override
        public Optional<String> getPath() {
            return Optional.of(field.field());
        }

        @Override
        public String getMessage() {
            return field.message();
        }
    }
}
