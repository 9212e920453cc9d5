-- Agent Pulse storage. Works on plain PostgreSQL (declarative range partitioning by time, BRIN on
-- time) and switches to TimescaleDB hypertables when CREATE EXTENSION timescaledb succeeds.
-- The switch is this one block: every table is created by agentpulse_create_timed_table().

CREATE TABLE agentpulse_storage (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    mode        text NOT NULL CHECK (mode IN ('timescaledb', 'partitioned')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        INSERT INTO agentpulse_storage(mode) VALUES ('timescaledb');
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO agentpulse_storage(mode) VALUES ('partitioned');
    END;
END $$;

-- Creates table `name` with `columns`, partitioned (or chunked) on `time_col` in slices of `slice`.
-- On plain PostgreSQL a DEFAULT partition catches rows outside the created slices, so an insert
-- never fails; agentpulse_ensure_partitions() creates slices ahead of time.
CREATE FUNCTION agentpulse_create_timed_table(name text, columns text, time_col text, slice interval)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m text := (SELECT mode FROM agentpulse_storage);
BEGIN
    IF m = 'timescaledb' THEN
        EXECUTE format('CREATE TABLE %I (%s)', name, columns);
        EXECUTE format('SELECT create_hypertable(%L, %L, chunk_time_interval => %L::interval)', name, time_col, slice);
    ELSE
        EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (%I)', name, columns, time_col);
        EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', name || '_default', name);
        EXECUTE format('CREATE INDEX ON %I USING brin (%I)', name, time_col);
    END IF;
    INSERT INTO agentpulse_timed_tables(name, time_col, slice) VALUES (name, time_col, slice);
END $$;

CREATE TABLE agentpulse_timed_tables (
    name      text PRIMARY KEY,
    time_col  text NOT NULL,
    slice     interval NOT NULL
);

-- Creates the partitions covering [from_ts, to_ts) for every timed table (plain PostgreSQL only;
-- a no-op under TimescaleDB, which makes chunks itself). Idempotent. Partitions are aligned on
-- date_trunc of the slice: day slices start at 00:00 UTC, month slices on the 1st, year on Jan 1.
CREATE FUNCTION agentpulse_ensure_partitions(from_ts timestamptz, to_ts timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    t record;
    unit text;
    lo timestamptz;
    hi timestamptz;
    part text;
    made integer := 0;
BEGIN
    IF (SELECT mode FROM agentpulse_storage) = 'timescaledb' THEN
        RETURN 0;
    END IF;
    FOR t IN SELECT * FROM agentpulse_timed_tables LOOP
        unit := CASE WHEN t.slice >= interval '1 year' THEN 'year'
                     WHEN t.slice >= interval '1 month' THEN 'month' ELSE 'day' END;
        lo := date_trunc(unit, from_ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
        WHILE lo < to_ts LOOP
            hi := ((lo AT TIME ZONE 'UTC') + ('1 ' || unit)::interval) AT TIME ZONE 'UTC';
            part := t.name || '_' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMMDD');
            IF to_regclass(part) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, t.name, lo, hi);
                made := made + 1;
            END IF;
            lo := hi;
        END LOOP;
    END LOOP;
    RETURN made;
END $$;

-- Raw events: one row per accepted, deduplicated event. (event_id, event_time) is unique: a
-- partitioned table's unique key must contain the partition column, and a retried event carries
-- the same event_time, so this is exactly "event_id is unique".
SELECT agentpulse_create_timed_table('agent_events', $cols$
    event_id            text NOT NULL,
    event_time          timestamptz NOT NULL,
    agent_id            text NOT NULL,
    kind                text NOT NULL,
    environment         text,
    model               text,
    provider            text,
    operation           text,
    latency_ms          double precision,
    ttft_ms             double precision,
    input_tokens        bigint,
    output_tokens       bigint,
    cached_input_tokens bigint,
    reasoning_tokens    bigint,
    cost_usd            double precision,
    cost_source         text,           -- 'event' (sent by the agent), 'catalog' (priced by us) or null (unknown model)
    status              text NOT NULL,  -- 'OK' | 'ERROR' | 'UNSET'
    error_type          text,
    tool_name           text,
    conversation_id     text,
    trace_id            text,
    span_id             text,
    parent_span_id      text,
    feedback_score      double precision,
    host_cpu            double precision,
    host_memory_bytes   bigint,
    attributes          jsonb NOT NULL DEFAULT '{}'::jsonb,
    ingested_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, event_time)
$cols$, 'event_time', interval '1 day');
CREATE INDEX agent_events_agent_time ON agent_events (agent_id, event_time DESC);

-- Rollups, one table per granularity, same shape. grp says which dimensions are kept:
--   series = (agent_id, model, operation); agent; model; operation; all. Dropped ones read '*'.
-- Counts and sums are exact; latency_sketch is a DDSketch (1% relative accuracy, SketchCodec
-- encoding) so that any range or wider group merges sketches; p50/p95/p99 are read-side copies.
-- Upserts are idempotent: a row only moves forward (count never decreases, see the sink).
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT * FROM (VALUES ('rollup_1m', interval '1 day'),
                                   ('rollup_1h', interval '1 month'),
                                   ('rollup_1d', interval '1 year')) AS v(name, slice) LOOP
        PERFORM agentpulse_create_timed_table(g.name, $cols$
            grp                 text NOT NULL,
            agent_id            text NOT NULL,
            model               text NOT NULL,
            operation           text NOT NULL,
            window_start        timestamptz NOT NULL,
            window_end          timestamptz NOT NULL,
            is_final            boolean NOT NULL DEFAULT false,
            count               bigint NOT NULL,
            errors              bigint NOT NULL,
            input_tokens        bigint NOT NULL,
            output_tokens       bigint NOT NULL,
            cached_input_tokens bigint NOT NULL,
            reasoning_tokens    bigint NOT NULL,
            cost_usd            double precision NOT NULL,
            latency_sketch      bytea NOT NULL,
            ttft_sketch         bytea,
            p50_ms              double precision,
            p95_ms              double precision,
            p99_ms              double precision,
            updated_at          timestamptz NOT NULL,
            PRIMARY KEY (grp, agent_id, model, operation, window_start)
        $cols$, 'window_start', g.slice);
        EXECUTE format('CREATE INDEX %I ON %I (grp, window_start)', g.name || '_grp_time', g.name);
    END LOOP;
END $$;

SELECT agentpulse_ensure_partitions(now() - interval '2 days', now() + interval '2 days');
