-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- For consent given elsewhere and imported: where it was given, as the other tool recorded it.
ALTER TABLE consent_event ADD COLUMN evidence VARCHAR(200);
