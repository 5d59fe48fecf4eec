package io.tidings.web;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How many wrong tokens a client address, and a key prefix from all addresses, may present per window. */
@ConfigurationProperties("tidings.auth-throttle")
record AuthThrottleConfig(int perClient, int perKeyPrefix, Duration window) {
}
