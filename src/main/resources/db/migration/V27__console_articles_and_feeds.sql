-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- An operator left the article out of digests from the console; it stays listed and can be put back.
ALTER TABLE article ADD COLUMN left_out BOOLEAN NOT NULL DEFAULT FALSE;

-- Feeds an operator added in the console. Feeds in the configuration (tidings.feeds.*, FEEDS) stay there;
-- a name is one feed's whichever way it came. topics is ';'-separated, empty for the keyword map.
CREATE TABLE feed (
    name          VARCHAR(60)   NOT NULL PRIMARY KEY,
    url           VARCHAR(2000) NOT NULL,
    topics        VARCHAR(500)  NOT NULL,
    poll_interval VARCHAR(40),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
