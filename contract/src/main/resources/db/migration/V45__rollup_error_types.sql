-- Failed calls by error type per rollup window (issue 15, the errors view): a JSON object
-- {"<error_type>": count, ...} whose counts add up to errors; NULL when the window had no failed call
-- (most rows), so it costs nothing there. Nullable without a default: TimescaleDB adds such a column
-- to a compressed hypertable without rewriting a chunk.
ALTER TABLE rollup_1m ADD COLUMN IF NOT EXISTS error_types jsonb;
ALTER TABLE rollup_5m ADD COLUMN IF NOT EXISTS error_types jsonb;
ALTER TABLE rollup_1h ADD COLUMN IF NOT EXISTS error_types jsonb;
ALTER TABLE rollup_1d ADD COLUMN IF NOT EXISTS error_types jsonb;
ALTER TABLE rollup_1w ADD COLUMN IF NOT EXISTS error_types jsonb;
ALTER TABLE rollup_4w ADD COLUMN IF NOT EXISTS error_types jsonb;
