package io.tidings.bounce.webhook;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.bounce.Report;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Takes a verified Mailgun request once: its token is remembered in the same transaction that records
 * what it says, so a replay to any instance is refused, and a request whose recording failed may come
 * again (Mailgun retries with the same token).
 */
@Singleton
class MailgunIntake {

    private final MailgunTokenRepository tokens;
    private final ProviderReports reports;

    MailgunIntake(MailgunTokenRepository tokens, ProviderReports reports) {
        this.tokens = tokens;
        this.reports = reports;
    }

    @Transactional
    WebhookAnswer take(String token, Instant expiresAt, Instant now, List<Report> found, int skipped) {
        tokens.deleteExpired(now);
        if (tokens.insertIfAbsent(token, expiresAt) == 0) {
            throw WebhookRefusal.replayed("This Mailgun request's token was used before: a replay.");
        }
        return reports.record(found, skipped);
    }
}
