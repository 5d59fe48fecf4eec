-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- An operator's signed-in browser, shared by every instance on one database. The cookie carries a
-- random id of 256 bits; only its SHA-256 is kept, so a copy of this table signs nobody in.
-- csrf_token is the session's own form token. A session ends at sign-out, after the idle timeout
-- (last_seen_at) or after its lifetime (created_at); expired rows are deleted at the next sign-in.
CREATE TABLE admin_session (
    id_hash      VARCHAR(64) PRIMARY KEY,
    csrf_token   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX admin_session_last_seen ON admin_session (last_seen_at);
