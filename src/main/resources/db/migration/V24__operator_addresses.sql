-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- A viewer sees no reader's address unless an owner allowed it (Rights.Role.VIEWER); other roles ignore it.
ALTER TABLE operator ADD COLUMN may_read_addresses BOOLEAN NOT NULL DEFAULT FALSE;
