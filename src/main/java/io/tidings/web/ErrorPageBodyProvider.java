package io.tidings.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.Map;

/** Errors a browser meets render as the site's own readable page, never a stack trace. */
@Singleton
@Primary
class ErrorPageBodyProvider implements HtmlErrorResponseBodyProvider {

    private final Pages pages;

    ErrorPageBodyProvider(Pages pages) {
        this.pages = pages;
    }

    @Override
    public String body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String message = status >= 500
                ? ProblemBodyProvider.ErrorMessages.SERVER_ERROR
                : ProblemBodyProvider.ErrorMessages.detail(context, response);
        // Not "title": the layout's fragment parameter of that name would shadow it.
        return pages.html("error", Map.of("status", status, "heading", response.getStatus().getReason(),
                "message", message));
    }
}
