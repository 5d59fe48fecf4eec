-- PostgreSQL only (core/PostgresMigrations); H2 has no partial indexes and keeps V11's.
-- Every claim and every sent record rewrites an outbox row with a new status, so PostgreSQL writes a
-- new entry in each of the row's indexes. The claim reads only pending rows by (due_at, id) and leased
-- rows by lease_until: indexes holding those rows alone take no entry for a row being sent or sent,
-- three fewer index writes a message, and stay the size of the queue rather than of the history.
DROP INDEX outbox_status_due;
DROP INDEX outbox_status_lease;
CREATE INDEX outbox_pending ON outbox (due_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE status = 'SENDING';
