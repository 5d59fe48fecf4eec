-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- Tokens of the Mailgun webhook requests already believed, shared by every instance, so that a
-- captured request replayed to any of them is refused. A token is kept until its request's timestamp
-- is out of tolerance (expires_at): after that its signature is refused anyway, and the row goes.
CREATE TABLE mailgun_token (
    token      VARCHAR(128) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mailgun_token_expires ON mailgun_token (expires_at);
