package io.tidings.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.tidings.core.FieldError;
import jakarta.inject.Singleton;

import java.util.List;

/** Every error on the JSON side, the framework's own included, as {@code application/problem+json}. */
@Singleton
@Primary
class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        List<FieldError> fields = context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new FieldError(error.getPath().get(), error.getMessage()))
                .toList();
        if (response.code() >= 500) {
            // An exception's message can name hosts, queries or data: the log has it, the client does not.
            return new Problem("about:blank", response.getStatus().getReason(), response.code(), ErrorMessages.SERVER_ERROR,
                    List.of());
        }
        return new Problem("about:blank", response.getStatus().getReason(), response.code(),
                ErrorMessages.detail(context, response), fields);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** One-line summaries shared by the JSON and HTML error bodies. */
    static final class ErrorMessages {

        static final String SERVER_ERROR = "Something went wrong on our side. Please try again in a few minutes.";

        private ErrorMessages() {
        }

        static String detail(ErrorContext context, HttpResponse<?> response) {
            List<? extends Error> errors = context.getErrors();
            if (errors.isEmpty()) {
                return response.getStatus().getReason();
            }
            return errors.stream()
                    .map(error -> error.getPath().map(path -> path + ": ").orElse("") + error.getMessage())
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
        }
    }
}
