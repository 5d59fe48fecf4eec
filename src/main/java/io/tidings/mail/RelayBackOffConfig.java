package io.tidings.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How long this instance leaves the relay alone when it says it is busy ({@code duration}), and how many
 * 4xx answers in a row before any message (greeting, EHLO, STARTTLS, login) make it do so; a 421 does at once.
 */
@ConfigurationProperties("tidings.mail.back-off")
public record RelayBackOffConfig(Duration duration, int after) {
}
