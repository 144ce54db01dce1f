-- A system of record: idempotency keys, details that go before the summary, erasure, who reported an outcome.
-- Plain SQL that H2, PostgreSQL and SQLite all read: new columns are added (no column is altered), new tables use
-- VARCHAR, BIGINT and INTEGER only, and their instants are milliseconds since 1970-01-01T00:00Z.

-- The CRM's account id (client.id of the deal), so an erasure by client finds the client's records; null once erased.
ALTER TABLE decision ADD COLUMN client_id VARCHAR(128);
-- null while the record is whole; 'expired' (past deal-advisor.decisions.detail-retention) or 'erased' once its deal,
-- advice document and shadow reasons are gone. deal_json and advice_json keep their NOT NULL (SQLite cannot drop a
-- constraint): a record without details holds '' there, and its shadow_json keeps the shadow without its reasons.
ALTER TABLE decision ADD COLUMN detail VARCHAR(8);
-- Who reported the outcome: the API key's id or the JWT subject; null with credential checks off.
ALTER TABLE decision ADD COLUMN outcome_reported_by VARCHAR(200);
CREATE INDEX decision_client_id ON decision (client_id);

-- An Idempotency-Key per caller ('' with credential checks off), claimed before the first request is answered
-- (status null until then) and remembered for deal-advisor.decisions.idempotency-window.
CREATE TABLE idempotency_key (
    caller       VARCHAR(200) NOT NULL,
    idem_key     VARCHAR(128) NOT NULL,
    body_sha256  VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    status       INTEGER,
    decision_ids VARCHAR,
    response     VARCHAR,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);

-- The erasures: never the client or deal id, only its salted hash (HMAC-SHA256 of "client:" or "deal:" and the id,
-- keyed with the salt below), so records of that subject written later are still found.
CREATE TABLE erasure (
    erasure_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    erased_at    BIGINT      NOT NULL,
    erased_by    VARCHAR(200),
    subject_hash VARCHAR(64) NOT NULL,
    record_count BIGINT      NOT NULL
);
CREATE INDEX erasure_erased_at ON erasure (erased_at);

-- One random salt per database, made by the first erasure.
CREATE TABLE erasure_salt (
    id   INTEGER     NOT NULL PRIMARY KEY,
    salt VARCHAR(64) NOT NULL
);
