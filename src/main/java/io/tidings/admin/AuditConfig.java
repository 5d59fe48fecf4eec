package io.tidings.admin;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** The audit log keeps an entry for {@code retention} (AUDIT_RETENTION), then deletes it, {@code batchSize} a transaction. */
@ConfigurationProperties("tidings.audit")
record AuditConfig(Duration retention, int batchSize) {
}
