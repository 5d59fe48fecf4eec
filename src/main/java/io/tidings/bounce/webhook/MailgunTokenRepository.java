package io.tidings.bounce.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MailgunTokenRepository extends GenericRepository<MailgunToken, String> {

    /** Remembers a token unless some instance already did; 1 when it is new. */
    @Query("INSERT INTO mailgun_token (token, expires_at) VALUES (:token, :expiresAt) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String token, Instant expiresAt);

    /** Forgets the tokens whose requests are refused as too old anyway. */
    @Query("DELETE FROM mailgun_token WHERE expires_at < :now")
    int deleteExpired(Instant now);
}
