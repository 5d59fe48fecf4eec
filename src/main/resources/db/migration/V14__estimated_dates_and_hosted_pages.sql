-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- True when the source gave no date and the article is dated by its first sighting: such a date is
-- only a guess, so a digest never leads with it.
ALTER TABLE article ADD COLUMN date_estimated BOOLEAN DEFAULT FALSE NOT NULL;

-- The text of a page imported without an address: Tidings itself shows it at /articles/{slug}, so
-- the digest's link answers.
CREATE TABLE article_page (
    article_id BIGINT         NOT NULL PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    slug       VARCHAR(100)   NOT NULL UNIQUE,
    body       VARCHAR(1000000) NOT NULL
);
