-- Decision records on SQLite, the embedded store: the tables, columns and indexes of
-- db/migration/standard (H2 and PostgreSQL) in SQLite's own types, so that the sqlite3 shell, DuckDB and BI tools
-- read them as they are. SQLite has no UUID, timestamp or boolean type:
--   decision ids    the UUID as text, 36 lower-case characters; version 7 ids sort by time as text
--   instants        ISO-8601 text in UTC to the millisecond, always 24 characters (2026-11-23T10:15:02.123Z), so
--                   text order is time order and SQLite's date functions read them
--   dates           ISO-8601 text (2026-11-23)
--   flags           1 (true), 0 (false) or NULL (not known)
-- The service turns on foreign keys for each connection, so a record's truths go with it.
CREATE TABLE decision (
    decision_id             TEXT    NOT NULL PRIMARY KEY,
    decided_at              TEXT    NOT NULL,
    deal_id                 TEXT    NOT NULL,
    as_of                   TEXT    NOT NULL,
    caller                  TEXT,
    channel                 TEXT    NOT NULL,
    duration_micros         INTEGER NOT NULL,
    advice                  TEXT    NOT NULL,
    refer_to                TEXT,
    revisit_on              TEXT,
    ruleset_version         TEXT    NOT NULL,
    deal_json               TEXT    NOT NULL,
    advice_json             TEXT    NOT NULL,
    -- what a candidate ruleset would have advised for the same deal
    shadow_json             TEXT,
    shadow_ruleset_version  TEXT,
    shadow_advice           TEXT,
    shadow_differs          INTEGER,
    -- what the sales systems reported back about the deal and the client
    outcome_result          TEXT,
    outcome_advice_followed INTEGER,
    outcome_client_retained INTEGER,
    outcome_reported_on     TEXT
);

-- Every listing is newest first by (decided_at, decision_id); retention deletes by decided_at.
CREATE INDEX decision_decided_at ON decision (decided_at, decision_id);
CREATE INDEX decision_deal_id ON decision (deal_id, decided_at);
CREATE INDEX decision_ruleset_version ON decision (ruleset_version, decided_at);

-- The truths of the reasons that voted for the final advice, so outcomes can be counted by truth.
CREATE TABLE decision_truth (
    decision_id TEXT NOT NULL REFERENCES decision (decision_id) ON DELETE CASCADE,
    truth       TEXT NOT NULL,
    PRIMARY KEY (decision_id, truth)
);
