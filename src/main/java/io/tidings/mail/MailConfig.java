package io.tidings.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * The sender and the SMTP relay; no relay host means mail is written to {@code .eml} files.
 * {@code smtpTlsTrust} names relay hosts whose certificate is accepted without a CA chain (a
 * relay with a self-signed certificate on a private network); empty trusts the JVM's CAs only.
 * A worker's connection is replaced after {@code messagesPerConnection} messages, so a relay's
 * per-session limits and a half-dead connection never hold it long.
 *
 * <p>Credentials ({@code smtpUser} with {@code smtpPassword}, or with {@code oauth2Token} for XOAUTH2)
 * only go over TLS unless {@code allowPlaintextAuth}. {@code dataTimeout} is how long the relay may take
 * to answer a message's final dot (RFC 5321 section 4.5.3.2.6: 10 minutes); every other reply has
 * {@code readTimeout}. {@code heloName} is the name given in EHLO and HELO; blank means the host's
 * name, looked up once, or its address.
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
        int messagesPerConnection,
        boolean allowPlaintextAuth,
        String oauth2Token,
        Duration dataTimeout,
        String heloName) {

    /** How the connection to the relay is protected. */
    public enum SmtpSecurity { NONE, STARTTLS, TLS }

    boolean logsIn() {
        return !smtpUser.isBlank();
    }

    /** How credentials are protected, for the start log and the health document; null without a login. */
    String loginProtection() {
        if (!logsIn()) {
            return null;
        }
        return allowPlaintextAuth
                ? "credentials may go in clear: SMTP_ALLOW_PLAINTEXT_AUTH=true lets Tidings log in where the relay offers no TLS"
                : "credentials over TLS only: STARTTLS where the relay offers it, no login where it does not";
    }

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
