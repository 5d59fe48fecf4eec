-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode. (V3 is taken by editions.)

-- What the poller knows of each configured feed, by the feed's name: the validators for its next
-- conditional GET, when it was polled and how that went. A feed whose URL changes starts over.
-- first_polled_at is null until a poll of its URL succeeds: that poll keeps the back catalogue out of digests.
CREATE TABLE feed_state (
    name               VARCHAR(60)   NOT NULL PRIMARY KEY,
    url                VARCHAR(2000) NOT NULL,
    etag               VARCHAR(500),
    last_modified      VARCHAR(100),
    first_polled_at    TIMESTAMP WITH TIME ZONE,
    last_polled_at     TIMESTAMP WITH TIME ZONE,
    last_status        VARCHAR(16),
    last_error         VARCHAR(1000),
    items_seen         BIGINT        NOT NULL DEFAULT 0,
    items_skipped      BIGINT        NOT NULL DEFAULT 0,
    errors_total       BIGINT        NOT NULL DEFAULT 0,
    consecutive_errors INT           NOT NULL DEFAULT 0
);
