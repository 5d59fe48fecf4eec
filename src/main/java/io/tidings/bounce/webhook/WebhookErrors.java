package io.tidings.bounce.webhook;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.context.annotation.Bean;
import io.tidings.web.ErrorResponses;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A refused webhook request as a problem+json answer, logged without its body (it names readers). */
@Factory
class WebhookErrors {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookErrors.class);

    @Bean
    @Singleton
    ExceptionHandler<WebhookRefusal, HttpResponse<?>> refused(ErrorResponses responses) {
        return (request, refusal) -> {
            LOG.warn("{} {} refused ({}): {}", request.getMethod(), request.getPath(), refusal.status().getCode(),
                    refusal.getMessage());
            return responses.of(request, refusal.status(), refusal.getMessage());
        };
    }
}
