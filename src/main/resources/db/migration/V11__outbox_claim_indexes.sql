-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.
-- Pending rows are claimed in (due_at, id) order, each worker going on from where its last claim ended
-- (Claims.Cursor), which needs id in the index.
DROP INDEX outbox_status_due;
CREATE INDEX outbox_status_due ON outbox (status, due_at, id);
-- Claims look for expired leases on every round. On (status, due_at) that meant reading past the index
-- entries of every row that was ever SENDING and has been sent since (PostgreSQL keeps them until a
-- vacuum): 1,900 pages and 48 ms a claim halfway through a 100,000-reader edition. Here those entries
-- sort by a lease that has not expired yet, past the end of the range a claim reads.
CREATE INDEX outbox_status_lease ON outbox (status, lease_until);
