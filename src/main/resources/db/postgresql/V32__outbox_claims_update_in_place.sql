-- PostgreSQL only (core/PostgresMigrations). A claim rewrote each row it leased with a new status and
-- lease end, both indexed (V21's partial indexes), so PostgreSQL wrote a new entry for the row in each
-- of its four indexes. Now no index holds a column the claim changes: the claim reads one index, of the
-- rows still to be sent (pending or leased), told by a stored column that stays true through the claim.
-- The claim's update is then heap-only (HOT) and writes no index entry, given room on the row's page:
-- pages are filled to 40%, since a claim takes every row of a page at once and each needs room for its
-- claimed version. Only a row's final status writes index entries. Expired leases are found on the same
-- index, in due order (delivery/Claims). Adding the stored column rewrites the outbox once, at the new
-- fill factor.
ALTER TABLE outbox SET (fillfactor = 40);
ALTER TABLE outbox ADD COLUMN queued BOOLEAN GENERATED ALWAYS AS (status IN ('PENDING', 'SENDING')) STORED;
DROP INDEX outbox_pending;
DROP INDEX outbox_leased;
CREATE INDEX outbox_queued ON outbox (due_at, id) WHERE queued;
