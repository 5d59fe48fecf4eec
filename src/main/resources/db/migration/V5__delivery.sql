-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- Hard bounces: permanent (5xx) replies to a subscriber's emails. Past a threshold (one for an unknown
-- user, more for other 5xx replies) the subscriber becomes BOUNCED and is mailed no more.
ALTER TABLE subscriber ADD COLUMN hard_bounces INT NOT NULL DEFAULT 0;
ALTER TABLE subscriber ADD COLUMN last_bounce_at TIMESTAMP WITH TIME ZONE;
