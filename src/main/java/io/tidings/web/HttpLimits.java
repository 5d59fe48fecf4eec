package io.tidings.web;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits on how clients use a connection (the idle timeout is Micronaut's own, micronaut.server.idle-timeout).
 *
 * @param headerTimeout how long a request's headers may take to arrive, from its first byte
 */
@ConfigurationProperties("tidings.http")
record HttpLimits(Duration headerTimeout) {
}
