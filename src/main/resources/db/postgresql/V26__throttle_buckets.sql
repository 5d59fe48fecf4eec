-- PostgreSQL only: the throttles' token buckets, shared by every instance (web/Throttles, Bucket4j's
-- PostgreSQL proxy manager). On H2 there is one instance, and the buckets stay in its memory.
-- A row's expires_at (epoch milliseconds) is when its bucket is full again; past it the row says nothing
-- a fresh bucket would not, and the purge deletes it.
CREATE TABLE throttle_bucket (
    id         VARCHAR(300) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX throttle_bucket_expires_at ON throttle_bucket (expires_at);
