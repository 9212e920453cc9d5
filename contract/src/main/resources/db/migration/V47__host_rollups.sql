-- Host health rolled up like the call rollups (issue 13, point 5): one table per granularity,
-- one row per (host, agent, window), rebuilt (never incremented) by the processor's HostRollupJob
-- from the raw HEARTBEAT events, so a rerun or a crash leaves the same rows (stream-processor/RATIONALE.md).
--   host     = attributes->>'host.name' when the heartbeat carries it (OpenTelemetry's resource
--              attribute), else the agent id (an agent that names no host is its own host).
--   samples  = heartbeats in the window; cpu_samples / mem_samples = those carrying the value.
--   cpu_*    = host_cpu in [0, 1]; mem_* = host_memory_bytes (sums in double precision: exact up to
--              2^53 bytes, i.e. 8 PiB-samples per window).
--   last_*   = the window's newest heartbeat (by event time; event id breaks ties).
-- Slices and TimescaleDB chunk widths and compression ages as the rollup_* table of the same granularity.
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT * FROM (VALUES ('host_rollup_1m', interval '1 day'),
                                   ('host_rollup_5m', interval '1 month'),
                                   ('host_rollup_1h', interval '1 month'),
                                   ('host_rollup_1d', interval '1 year'),
                                   ('host_rollup_1w', interval '1 year'),
                                   ('host_rollup_4w', interval '1 year')) AS v(name, slice) LOOP
        PERFORM agentpulse_create_timed_table(g.name, $cols$
            host          text NOT NULL,
            agent_id      text NOT NULL,
            window_start  timestamptz NOT NULL,
            window_end    timestamptz NOT NULL,
            samples       bigint NOT NULL,
            cpu_samples   bigint NOT NULL,
            cpu_sum       double precision NOT NULL,
            cpu_max       double precision,
            mem_samples   bigint NOT NULL,
            mem_sum       double precision NOT NULL,
            mem_max       bigint,
            last_time     timestamptz NOT NULL,
            last_cpu      double precision,
            last_mem      bigint,
            PRIMARY KEY (host, agent_id, window_start)
        $cols$, 'window_start', g.slice);
        EXECUTE format('CREATE INDEX %I ON %I (window_start, host)', g.name || '_time', g.name);
    END LOOP;
    IF (SELECT mode FROM agentpulse_storage) = 'timescaledb' THEN
        FOR g IN SELECT * FROM (VALUES ('host_rollup_1m', interval '2 days', interval '1 day'),
                                       ('host_rollup_5m', interval '3 days', interval '1 day'),
                                       ('host_rollup_1h', interval '7 days', interval '7 days'),
                                       ('host_rollup_1d', interval '35 days', interval '30 days'),
                                       ('host_rollup_1w', interval '21 days', interval '84 days'),
                                       ('host_rollup_4w', interval '60 days', interval '360 days')) AS v(name, age, width) LOOP
            PERFORM set_chunk_time_interval(g.name::regclass, g.width);
            EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L,'
                           ' timescaledb.compress_orderby = %L)', g.name, 'host, agent_id', 'window_start DESC');
            EXECUTE format('SELECT add_compression_policy(%L, compress_after => %L::interval, if_not_exists => true)', g.name, g.age);
        END LOOP;
    END IF;
END $$;

-- The job finds the minutes to rebuild from the heartbeats stored since its last run: a partial
-- index (only HEARTBEAT rows, a few per host per minute) keeps that lookup off the call events.
CREATE INDEX agent_events_heartbeat_ingested ON agent_events (ingested_at) WHERE kind = 'HEARTBEAT';
CREATE INDEX agent_events_heartbeat_time ON agent_events (event_time) WHERE kind = 'HEARTBEAT';

-- Host alert rules (host_cpu_*, host_memory_*) are evaluated by the host job, not by the topology:
-- the state of each (rule, host) instance lives here (AlertInstance's 51-byte encoding).
CREATE TABLE host_alert_state (
    rule_id     text NOT NULL,
    host        text NOT NULL,
    state       bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, host)
);

SELECT agentpulse_ensure_partitions(now() - interval '2 days', now() + interval '2 days');
