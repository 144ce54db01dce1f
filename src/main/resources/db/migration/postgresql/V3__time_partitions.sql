-- PostgreSQL: the records in time partitions, their details apart from their summaries, so that expiry and retention
-- drop whole partitions instead of rewriting or deleting rows one by one (io.dealadvisor.records.Partitions). H2 and
-- PostgreSQL share db/migration/standard up to V2; from V3 on each has its own (this folder and db/migration/h2).
--
--   decision         the summary: everything but the deal, the advice document and the shadow's reasons, plus the
--                    advice's headline; its shadow_json keeps the shadow with "reasons": null. By month of
--                    decided_at: about 37 partitions for the default retention of three years, so a query that
--                    cannot prune by time (a record by id, the listing) visits few of them.
--   decision_truth   the voting truths, with their record's decided_at, in the same months: dropped with it.
--   decision_detail  the deal, the advice document and the shadow's reasons, one row per whole record. By UTC day,
--                    the detail retention being days (P90D): the partitions that expire are dropped day by day,
--                    and the one partition the cut-off falls in holds at most a day of rows to delete one by one.
--   *_default        where a row goes whose period has no partition (written for a time long past, or before the
--                    retention job made its period's partition): the job moves them into their own partition.
--
-- Partitions are named by their period in UTC (decision_p202611, decision_truth_p202611, decision_detail_p20261123);
-- decision_partition() makes one, moving the rows of its period out of the default partition first. A partitioned
-- table's primary key must hold the partition key: (decision_id, decided_at). A record's decided_at never changes
-- and a retried commit writes the same id and time, so the writer still finds a record stored twice by its key.

CREATE FUNCTION decision_partition(parent TEXT, part TEXT, low TIMESTAMPTZ, high TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    ns TEXT := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = parent::regclass);
BEGIN
    IF to_regclass(format('%I.%I', ns, part)) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS)', ns, part, ns, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I.%I WHERE decided_at >= $1 AND decided_at < $2 RETURNING *)'
                   ' INSERT INTO %I.%I SELECT * FROM moved', ns, parent || '_default', ns, part) USING low, high;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)', ns, parent, ns, part,
                   low, high);
    RETURN TRUE;
END
$$;

-- The V2 tables step aside; their constraints' and indexes' names go to the new ones.
ALTER TABLE decision_truth DROP CONSTRAINT decision_truth_decision_id_fkey;
ALTER TABLE decision_truth RENAME TO decision_truth_v2;
ALTER TABLE decision_truth_v2 RENAME CONSTRAINT decision_truth_pkey TO decision_truth_v2_pkey;
ALTER TABLE decision RENAME TO decision_v2;
ALTER TABLE decision_v2 RENAME CONSTRAINT decision_pkey TO decision_v2_pkey;
DROP INDEX decision_decided_at, decision_deal_id, decision_ruleset_version, decision_client_id;

CREATE TABLE decision (
    decision_id             UUID                     NOT NULL,
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
    headline                VARCHAR,
    shadow_json             VARCHAR,
    shadow_ruleset_version  VARCHAR(64),
    shadow_advice           VARCHAR(16),
    shadow_differs          BOOLEAN,
    outcome_result          VARCHAR(32),
    outcome_advice_followed BOOLEAN,
    outcome_client_retained BOOLEAN,
    outcome_reported_on     DATE,
    client_id               VARCHAR(128),
    detail                  VARCHAR(8),
    outcome_reported_by     VARCHAR(200),
    CONSTRAINT decision_pkey PRIMARY KEY (decision_id, decided_at)
) PARTITION BY RANGE (decided_at);
CREATE TABLE decision_default PARTITION OF decision DEFAULT;

CREATE TABLE decision_truth (
    decision_id UUID                     NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    truth       VARCHAR(200)             NOT NULL,
    CONSTRAINT decision_truth_pkey PRIMARY KEY (decision_id, decided_at, truth)
) PARTITION BY RANGE (decided_at);
CREATE TABLE decision_truth_default PARTITION OF decision_truth DEFAULT;

CREATE TABLE decision_detail (
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decision_id    UUID                     NOT NULL,
    deal_json      VARCHAR                  NOT NULL,
    advice_json    VARCHAR                  NOT NULL,
    -- the value of the shadow document's "reasons", as written; null without a shadow
    shadow_reasons VARCHAR,
    CONSTRAINT decision_detail_pkey PRIMARY KEY (decided_at, decision_id)
) PARTITION BY RANGE (decided_at);
CREATE TABLE decision_detail_default PARTITION OF decision_detail DEFAULT;

-- A partition for every month and day the records fill, and for the next ones (the retention job keeps ahead).
DO $$
DECLARE
    period TIMESTAMP;
BEGIN
    FOR period IN SELECT DISTINCT date_trunc('month', decided_at AT TIME ZONE 'UTC') FROM decision_v2
                  UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + n * INTERVAL '1 month'
                          FROM generate_series(0, 1) n LOOP
        PERFORM decision_partition('decision', 'decision_p' || to_char(period, 'YYYYMM'),
                                   period AT TIME ZONE 'UTC', (period + INTERVAL '1 month') AT TIME ZONE 'UTC');
        PERFORM decision_partition('decision_truth', 'decision_truth_p' || to_char(period, 'YYYYMM'),
                                   period AT TIME ZONE 'UTC', (period + INTERVAL '1 month') AT TIME ZONE 'UTC');
    END LOOP;
    FOR period IN SELECT DISTINCT date_trunc('day', decided_at AT TIME ZONE 'UTC') FROM decision_v2
                   WHERE detail IS NULL
                  UNION SELECT date_trunc('day', now() AT TIME ZONE 'UTC') + n * INTERVAL '1 day'
                          FROM generate_series(0, 3) n LOOP
        PERFORM decision_partition('decision_detail', 'decision_detail_p' || to_char(period, 'YYYYMMDD'),
                                   period AT TIME ZONE 'UTC', (period + INTERVAL '1 day') AT TIME ZONE 'UTC');
    END LOOP;
END
$$;

-- The records move over. Of a record still whole, the headline is read from its advice document and the shadow's
-- reasons (the last field of the shadow document this service writes) are cut out by position, so what is kept
-- reads back byte for byte.
INSERT INTO decision (decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros, advice, refer_to,
                      revisit_on, ruleset_version, headline, shadow_json, shadow_ruleset_version, shadow_advice,
                      shadow_differs, outcome_result, outcome_advice_followed, outcome_client_retained,
                      outcome_reported_on, client_id, detail, outcome_reported_by)
SELECT decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros, advice, refer_to, revisit_on,
       ruleset_version,
       CASE WHEN detail IS NULL AND advice_json <> '' THEN advice_json::json ->> 'headline' END,
       CASE WHEN detail IS NULL AND position(',"reasons":' IN shadow_json) > 0
            THEN substr(shadow_json, 1, position(',"reasons":' IN shadow_json) - 1) || ',"reasons":null}'
            ELSE shadow_json END,
       shadow_ruleset_version, shadow_advice, shadow_differs, outcome_result, outcome_advice_followed,
       outcome_client_retained, outcome_reported_on, client_id, detail, outcome_reported_by
  FROM decision_v2;
INSERT INTO decision_truth (decision_id, decided_at, truth)
SELECT t.decision_id, d.decided_at, t.truth FROM decision_truth_v2 t JOIN decision_v2 d ON d.decision_id = t.decision_id;
INSERT INTO decision_detail (decided_at, decision_id, deal_json, advice_json, shadow_reasons)
SELECT decided_at, decision_id, deal_json, advice_json,
       CASE WHEN position(',"reasons":' IN shadow_json) > 0
            THEN substr(shadow_json, position(',"reasons":' IN shadow_json) + 11,
                        length(shadow_json) - position(',"reasons":' IN shadow_json) - 11) END
  FROM decision_v2 WHERE detail IS NULL;
DROP TABLE decision_truth_v2;
DROP TABLE decision_v2;

-- Every listing is newest first by (decided_at, decision_id); the others as in V1 and V2. Made on each partition.
CREATE INDEX decision_decided_at ON decision (decided_at, decision_id);
CREATE INDEX decision_deal_id ON decision (deal_id, decided_at);
CREATE INDEX decision_ruleset_version ON decision (ruleset_version, decided_at);
CREATE INDEX decision_client_id ON decision (client_id);
