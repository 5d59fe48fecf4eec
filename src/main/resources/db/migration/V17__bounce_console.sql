-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- The bounces page counts each edition's bounces by type, and undoes one edition's: both read this
-- index alone, never the outbox or the whole bounce table.
CREATE INDEX bounce_edition_type ON bounce (edition_id, type);
