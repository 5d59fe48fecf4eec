-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- A reader may pause the newsletter: editions pass them by until this time.
ALTER TABLE subscriber ADD COLUMN paused_until TIMESTAMP WITH TIME ZONE;

-- A confirmation with a new address is an address change, applied when the new address confirms.
ALTER TABLE confirmation ADD COLUMN new_email VARCHAR(254);

-- What is left of an erased reader: a keyed hash of the address (HMAC with the service key), so that
-- an operator's import cannot add the address again without the reader's own new opt-in.
CREATE TABLE erased_address (
    address_hash VARCHAR(64) PRIMARY KEY,
    erased_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
