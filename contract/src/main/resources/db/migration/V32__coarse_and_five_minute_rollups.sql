-- Three more rollup tables, same shape as rollup_1m/1h/1d (issue 7: a year for 1000 agents at once).
--   rollup_5m: the edges of hour-aligned ranges and ranges under a day read 12 rows an hour, not 60
--              (the agents list over the last hour: 12k sketches instead of 60k).
--   rollup_1w, rollup_4w: 7 and 28 days, aligned on the epoch (windows start on a Thursday 00:00
--              UTC); a year is 13 4-week rows plus week and day edges instead of 365 day rows.
-- Each size divides the next coarser one (1m | 5m | 1h | 1d | 1w | 4w), so the planner covers any
-- range with whole windows, coarsest first, and counts every event once.
-- Slices: 5m by month (like 1h), 1w and 4w by year (like 1d). Indexes as V1 and V31.
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT * FROM (VALUES ('rollup_5m', interval '1 month'),
                                   ('rollup_1w', interval '1 year'),
                                   ('rollup_4w', interval '1 year')) AS v(name, slice) LOOP
        -- The very shape of rollup_1h (columns, NOT NULLs, defaults), so the sink writes every table alike.
        PERFORM agentpulse_create_timed_table(g.name,
            'LIKE rollup_1h INCLUDING DEFAULTS INCLUDING CONSTRAINTS, PRIMARY KEY (grp, agent_id, model, operation, window_start)',
            'window_start', g.slice);
        EXECUTE format('CREATE INDEX %I ON %I (grp, window_start)', g.name || '_grp_time', g.name);
        EXECUTE format('CREATE INDEX %I ON %I (grp, window_start) INCLUDE (agent_id, model, operation, count, errors,'
                       ' input_tokens, output_tokens, cached_input_tokens, cost_usd)', g.name || '_sums', g.name);
        EXECUTE format('CREATE INDEX %I ON %I (grp, agent_id, model, operation, window_start) INCLUDE (count, errors,'
                       ' input_tokens, output_tokens, cached_input_tokens, cost_usd)', g.name || '_key_sums', g.name);
    END LOOP;
    -- TimescaleDB: compressed like their neighbours (a 4-week window stays open, and may take late
    -- events, for 28 days plus the grace: compress after 60 days).
    IF (SELECT mode FROM agentpulse_storage) = 'timescaledb' THEN
        FOR g IN SELECT * FROM (VALUES ('rollup_5m', interval '3 days'),
                                       ('rollup_1w', interval '21 days'),
                                       ('rollup_4w', interval '60 days')) AS v(name, slice) LOOP
            EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L,'
                           ' timescaledb.compress_orderby = %L)', g.name, 'grp, agent_id, model, operation', 'window_start DESC');
            EXECUTE format('SELECT add_compression_policy(%L, compress_after => %L::interval, if_not_exists => true)', g.name, g.slice);
        END LOOP;
    END IF;
END $$;

SELECT agentpulse_ensure_partitions(now() - interval '2 days', now() + interval '2 days');
