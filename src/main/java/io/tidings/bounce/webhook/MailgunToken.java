package io.tidings.bounce.webhook;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A Mailgun request's token, believed once; kept until its timestamp is out of tolerance. */
@MappedEntity("mailgun_token")
record MailgunToken(@Id String token, Instant expiresAt) {
}
