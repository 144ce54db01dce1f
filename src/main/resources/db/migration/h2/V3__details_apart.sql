-- H2 (the embedded store's bench alternative): the details of a record apart from its summary, as on SQLite
-- (db/migration/sqlite/V3, which says why) and PostgreSQL (db/migration/postgresql/V3, where both are also split in
-- time partitions). H2 reads db/migration/standard up to V2, then its own migrations.
CREATE TABLE decision_detail (
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decision_id    UUID                     NOT NULL,
    deal_json      VARCHAR                  NOT NULL,
    advice_json    VARCHAR                  NOT NULL,
    shadow_reasons VARCHAR,
    PRIMARY KEY (decided_at, decision_id)
);

ALTER TABLE decision ADD COLUMN headline VARCHAR;
ALTER TABLE decision_truth ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
UPDATE decision_truth t SET decided_at = (SELECT d.decided_at FROM decision d WHERE d.decision_id = t.decision_id);
ALTER TABLE decision_truth ALTER COLUMN decided_at SET NOT NULL;

-- H2 has no function that reads a JSON field: the service's own reader of the headline, for this migration only.
CREATE ALIAS decision_headline FOR 'io.dealadvisor.records.StoredDocuments.headline';
INSERT INTO decision_detail (decided_at, decision_id, deal_json, advice_json, shadow_reasons)
SELECT decided_at, decision_id, deal_json, advice_json,
       CASE WHEN LOCATE(',"reasons":', shadow_json) > 0
            THEN SUBSTRING(shadow_json, LOCATE(',"reasons":', shadow_json) + 11,
                           CHAR_LENGTH(shadow_json) - LOCATE(',"reasons":', shadow_json) - 11) END
  FROM decision WHERE detail IS NULL;
UPDATE decision SET headline = decision_headline(advice_json) WHERE detail IS NULL;
UPDATE decision SET shadow_json = SUBSTRING(shadow_json, 1, LOCATE(',"reasons":', shadow_json) - 1) || ',"reasons":null}'
 WHERE detail IS NULL AND LOCATE(',"reasons":', shadow_json) > 0;
DROP ALIAS decision_headline;

ALTER TABLE decision DROP COLUMN deal_json;
ALTER TABLE decision DROP COLUMN advice_json;
