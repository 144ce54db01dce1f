-- The details of a record apart from its summary, so that they go (expiry, erasure) by deleting their rows instead
-- of rewriting the summary's. decision keeps the summary: everything but the deal, the advice document and the
-- shadow's reasons, plus the advice's headline (the revisits show it for as long as the record exists); its
-- shadow_json keeps the shadow with "reasons": null. decision_detail holds the rest, one row per record while it is
-- whole; a record without a row there, and with no other word in decision.detail, has had its details expire.
CREATE TABLE decision_detail (
    decided_at     TEXT NOT NULL,
    decision_id    TEXT NOT NULL,
    deal_json      TEXT NOT NULL,
    advice_json    TEXT NOT NULL,
    -- the value of the shadow document's "reasons", as written; null without a shadow
    shadow_reasons TEXT,
    -- by time first: expiry deletes the oldest, reads find a record's details by its id and time
    PRIMARY KEY (decided_at, decision_id)
);

ALTER TABLE decision ADD COLUMN headline TEXT;
-- The truths carry their record's time, as on PostgreSQL, where they are kept in the same time partitions.
ALTER TABLE decision_truth ADD COLUMN decided_at TEXT;
UPDATE decision_truth SET decided_at = (SELECT d.decided_at FROM decision d WHERE d.decision_id = decision_truth.decision_id);

-- The records still whole: their details move out. The shadow's reasons are the last field of the shadow document
-- this service writes ({"rulesetVersion",...,"differs","reasons":[...]}); they are cut out by position, so what is
-- kept reads back byte for byte.
INSERT INTO decision_detail (decided_at, decision_id, deal_json, advice_json, shadow_reasons)
SELECT decided_at, decision_id, deal_json, advice_json,
       CASE WHEN instr(shadow_json, ',"reasons":') > 0
            THEN substr(shadow_json, instr(shadow_json, ',"reasons":') + 11,
                        length(shadow_json) - instr(shadow_json, ',"reasons":') - 11) END
  FROM decision WHERE detail IS NULL;
UPDATE decision SET headline = CASE WHEN json_valid(advice_json) THEN json_extract(advice_json, '$.headline') END
 WHERE detail IS NULL;
UPDATE decision SET shadow_json = substr(shadow_json, 1, instr(shadow_json, ',"reasons":') - 1) || ',"reasons":null}'
 WHERE detail IS NULL AND instr(shadow_json, ',"reasons":') > 0;

ALTER TABLE decision DROP COLUMN deal_json;
ALTER TABLE decision DROP COLUMN advice_json;
