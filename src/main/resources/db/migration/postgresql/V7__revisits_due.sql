-- The day's revisit run (io.dealadvisor.records.Outbox) finds the decisions to wait until that day by this index
-- instead of reading every partition: it holds an advisory lock that the writers of decisions to wait take too (so
-- that a record committed while the run reads gets its revisit event from exactly one of the two), and must not hold
-- them up for longer than a lookup. Partial: only decisions to wait have a revisit day.
CREATE INDEX decision_revisit_on ON decision (revisit_on) WHERE advice = 'WAIT';
