-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- What a reader's folded delivery history leaves behind (docs/history.md): when a message to them was
-- last accepted by the relay, among the outbox rows the history retention removed. Deleted with the reader.
CREATE TABLE reader_delivery (
    subscriber_id BIGINT PRIMARY KEY,
    last_sent_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
