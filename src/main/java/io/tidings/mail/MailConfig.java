package io.tidings.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * The sender and the SMTP relay; no relay host means mail is written to {@code .eml} files.
 * {@code smtpTlsTrust} names relay hosts whose certificate is accepted without a CA chain (a
 * relay with a self-signed certificate on a private network); empty trusts the JVM's CAs only.
 * A worker's connection is replaced after {@code messagesPerConnection} messages, so a relay's
 * per-session limits and a half-dead connection never hold it long.
 */
@ConfigurationProperties("tidings.mail")
public record MailConfig(
        String from,
        String fromName,
        String smtpHost,
        int smtpPort,
        String smtpUser,
        String smtpPassword,
        SmtpSecurity smtpSecurity,
        String smtpTlsTrust,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int messagesPerConnection) {

    /** How the connection to the relay is protected. */
    public enum SmtpSecurity { NONE, STARTTLS, TLS }

    boolean relayConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    int port() {
        if (smtpPort > 0) {
            return smtpPort;
        }
        return switch (smtpSecurity) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
    }
}
