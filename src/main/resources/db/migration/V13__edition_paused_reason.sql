-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.
-- Why delivery paused an edition by itself (the relay refused its sender or its message several times
-- in a row), for the operator to read; NULL when the operator paused it, or it is not paused.
ALTER TABLE edition ADD COLUMN paused_reason VARCHAR(1000);
