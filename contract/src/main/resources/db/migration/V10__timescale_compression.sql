-- TimescaleDB only (a no-op on plain PostgreSQL): compress old chunks. Retention policies are set
-- by the processor's RetentionJob from AGENTPULSE_RETENTION_* (add_retention_policy), so they follow
-- the configuration; compression ages are fixed here, past the point where a late event or a
-- corrected final can still arrive (grace + stage-2 linger are minutes; the coarsest open window is
-- a day). Cannot be exercised on this machine (TimescaleDB is not installable here).
DO $$
DECLARE
    t record;
BEGIN
    IF (SELECT mode FROM agentpulse_storage) <> 'timescaledb' THEN
        RETURN;
    END IF;
    FOR t IN SELECT * FROM (VALUES ('rollup_1m', interval '2 days'),
                                   ('rollup_1h', interval '7 days'),
                                   ('rollup_1d', interval '35 days')) AS v(name, age) LOOP
        EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L,'
                       ' timescaledb.compress_orderby = %L)', t.name, 'grp, agent_id, model, operation', 'window_start DESC');
        EXECUTE format('SELECT add_compression_policy(%L, compress_after => %L::interval, if_not_exists => true)', t.name, t.age);
    END LOOP;
    EXECUTE 'ALTER TABLE agent_events SET (timescaledb.compress, timescaledb.compress_segmentby = ''agent_id'','
            ' timescaledb.compress_orderby = ''event_time DESC'')';
    EXECUTE 'SELECT add_compression_policy(''agent_events'', compress_after => interval ''2 days'', if_not_exists => true)';
END $$;
