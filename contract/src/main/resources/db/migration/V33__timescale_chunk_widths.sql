-- TimescaleDB only (a no-op on plain PostgreSQL): chunks narrow enough for the compression policies
-- to reach most rows. V1 and V32 gave the coarse tables the plain partitions' slices (a month for 5m
-- and 1h, a year for 1d, 1w and 4w, which TimescaleDB makes 30 and 360 days from the epoch); a chunk
-- is compressed only once all of it is older than its policy's age, so the current 360-day chunk of
-- rollup_1d stayed uncompressed for up to a year (bench/README.md, section timescale). rollup_4w keeps
-- 360 days (13 rows a year per key). Applies to new chunks; existing ones keep their width.
DO $$
DECLARE
    t record;
BEGIN
    IF (SELECT mode FROM agentpulse_storage) <> 'timescaledb' THEN
        RETURN;
    END IF;
    FOR t IN SELECT * FROM (VALUES ('rollup_5m', interval '1 day'),
                                   ('rollup_1h', interval '7 days'),
                                   ('rollup_1d', interval '30 days'),
                                   ('rollup_1w', interval '84 days')) AS v(name, width) LOOP
        PERFORM set_chunk_time_interval(t.name::regclass, t.width);
    END LOOP;
END $$;
