package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One line of the audit log: {@code actor} did {@code action} (its label) about {@code subject}, from
 * {@code clientAddress} (null for what a job finished on its own).
 */
@MappedEntity("audit_entry")
record AuditEntry(@Id @GeneratedValue @Nullable Long id, Instant at, String actor, @Nullable String clientAddress,
                  String action, String subject) {
}
