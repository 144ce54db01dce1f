-- Decision records. One schema for H2 and PostgreSQL 13+: standard types only (VARCHAR without a length is
-- unbounded text on both). The JSON documents are kept exactly as answered; the columns beside them are
-- what the queries filter, order and count on.
CREATE TABLE decision (
    decision_id             UUID                     NOT NULL PRIMARY KEY,
    decided_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    deal_id                 VARCHAR(128)             NOT NULL,
    as_of                   DATE                     NOT NULL,
    caller                  VARCHAR,
    channel                 VARCHAR(8)               NOT NULL,
    duration_micros         BIGINT                   NOT NULL,
    advice                  VARCHAR(16)              NOT NULL,
    refer_to                VARCHAR,
    revisit_on              DATE,
    ruleset_version         VARCHAR(64)              NOT NULL,
    deal_json               VARCHAR                  NOT NULL,
    advice_json             VARCHAR                  NOT NULL,
    -- what a candidate ruleset would have advised for the same deal
    shadow_json             VARCHAR,
    shadow_ruleset_version  VARCHAR(64),
    shadow_advice           VARCHAR(16),
    shadow_differs          BOOLEAN,
    -- what the sales systems reported back about the deal and the client
    outcome_result          VARCHAR(32),
    outcome_advice_followed BOOLEAN,
    outcome_client_retained BOOLEAN,
    outcome_reported_on     DATE
);

-- Every listing is newest first by (decided_at, decision_id); retention deletes by decided_at.
CREATE INDEX decision_decided_at ON decision (decided_at, decision_id);
CREATE INDEX decision_deal_id ON decision (deal_id, decided_at);
CREATE INDEX decision_ruleset_version ON decision (ruleset_version, decided_at);

-- The truths of the reasons that voted for the final advice, so outcomes can be counted by truth.
CREATE TABLE decision_truth (
    decision_id UUID         NOT NULL REFERENCES decision (decision_id) ON DELETE CASCADE,
    truth       VARCHAR(200) NOT NULL,
    PRIMARY KEY (decision_id, truth)
);
