-- PostgreSQL only (core/PostgresMigrations); H2 counts a row at a time in Java. The sent record
-- (delivery/Outcomes), the most frequent write of a send, writes its own count deltas in the statement
-- that records the rows and sets tidings.outbox_counted for its transaction: the statement trigger of
-- V19 then stays out of it, saving a PL/pgSQL call and two scans of the transition tables a group.
-- Every other change to the outbox is still counted by the trigger.
DROP TRIGGER outbox_updated ON outbox;
CREATE TRIGGER outbox_updated AFTER UPDATE ON outbox REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (current_setting('tidings.outbox_counted', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION delivery_count_updated();
