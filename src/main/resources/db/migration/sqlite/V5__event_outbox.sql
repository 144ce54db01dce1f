-- Decision events (deal-advisor.events.*, io.dealadvisor.events): the outbox. A decision record's event is written in
-- the same transaction as the record, an outcome's with the outcome, the revisits that fall due with their day's
-- mark; the publisher sends them in seq order and deletes each row once the broker has acknowledged it. Rows are
-- written only while events are on.
--   kind       decision, outcome or revisit: the topic is <deal-advisor.events.topic-prefix>.<kind>s
--   event_key  the Kafka key: the deal id
--   event      the CloudEvent, structured JSON, as it is sent
CREATE TABLE event_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    event_key  TEXT    NOT NULL,
    event_id   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    event      TEXT    NOT NULL
);

-- The days whose due revisits are in the outbox already (ISO date, e.g. 2026-11-23): each day's once.
CREATE TABLE event_revisit_day (
    due_on     TEXT    NOT NULL PRIMARY KEY,
    emitted_at INTEGER NOT NULL
);
