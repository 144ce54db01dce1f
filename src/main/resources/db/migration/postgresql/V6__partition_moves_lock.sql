-- PostgreSQL: decision_partition() takes its table's ACCESS EXCLUSIVE lock before it makes a partition. Without it a
-- query planned just before the rows of a period moved out of the default partition, and run just after, looked for
-- them in the default partition only and missed them: a record read by id answered 404, an export lost a record's
-- details. With the lock, the query waits the few milliseconds of the move and then sees the new partition. Moves
-- are rare where records are written as they are decided (the retention job makes each period's partition ahead of
-- it); the lock holds the writer up for as long.

CREATE OR REPLACE FUNCTION decision_partition(parent TEXT, part TEXT, low TIMESTAMPTZ, high TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    ns TEXT := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = parent::regclass);
BEGIN
    IF to_regclass(format('%I.%I', ns, part)) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('LOCK TABLE %I.%I IN ACCESS EXCLUSIVE MODE', ns, parent);
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS)', ns, part, ns, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I.%I WHERE decided_at >= $1 AND decided_at < $2 RETURNING *)'
                   ' INSERT INTO %I.%I SELECT * FROM moved', ns, parent || '_default', ns, part) USING low, high;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)', ns, parent, ns, part,
                   low, high);
    RETURN TRUE;
END
$$;
