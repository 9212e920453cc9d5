-- User feedback kept in the rollups (issue 13, point 3): FEEDBACK events (a score in [0, 1]) were read
-- from agent_events only, so they vanished with the raw retention (7 days). Every rollup table now
-- carries, per window, the feedback of its group:
--   feedback_count      scores in the window (never part of count: a score is not a call)
--   feedback_sum        their sum (the processor sums exactly, to 1e-9)
--   feedback_histogram  null without feedback, else 10 exact counts of scores in [0, 0.1), ...,
--                       [0.9, 1.0] (1.0 in the last): mergeable by addition, summed per element
--                       (sum(feedback_histogram[i])) by the readers.
-- Constant defaults only: on plain PostgreSQL (11+) ADD COLUMN with a constant default rewrites no
-- row (old rows read 0 / null), and TimescaleDB accepts ADD COLUMN on a hypertable with compression
-- enabled only with a constant default for a NOT NULL column (its process_utility.c), compressed
-- chunks included. One column per statement, as TimescaleDB checks each.
-- The covering *_sums indexes (V31, V32) are left as they are: the quality reads are the only ones
-- that touch these columns, over a few rows of the coarse tables (group 'all' or one agent).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['rollup_1m', 'rollup_5m', 'rollup_1h', 'rollup_1d', 'rollup_1w', 'rollup_4w'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS feedback_count bigint NOT NULL DEFAULT 0', t);
        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS feedback_sum double precision NOT NULL DEFAULT 0', t);
        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS feedback_histogram bigint[]', t);
    END LOOP;
END $$;
