-- Callers are API key ids and JWT subjects, of any length (decision.caller has no limit). These columns held 200
-- characters, so a longer caller made every keyed request, outcome report and erasure fail as if the store were
-- down. SQLite does not hold VARCHAR to its length, so its history needs no such step.
ALTER TABLE idempotency_key ALTER COLUMN caller SET DATA TYPE VARCHAR;
ALTER TABLE decision ALTER COLUMN outcome_reported_by SET DATA TYPE VARCHAR;
ALTER TABLE erasure ALTER COLUMN erased_by SET DATA TYPE VARCHAR;
