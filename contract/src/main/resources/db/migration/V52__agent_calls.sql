-- Agent-to-agent calls (issue 15, point 3): which agents call which. A call is a SPAN of agent B whose
-- parent span (same trace_id, parent_span_id = the parent's span_id) belongs to another agent A: the
-- edge A -> B. The processor's AgentCallJob keeps one row per (caller, callee, minute), rebuilt (never
-- incremented) from the raw events of the affected minutes, so reruns, crashes and replays leave the
-- same rows (stream-processor/RATIONALE-calls.md).
--   window_start    = the minute of the callee's span start (event_time), epoch-aligned.
--   calls / errors  = child spans / those with status ERROR.
--   latency_*       = the child span's latency_ms (calls without a valid latency are not in them):
--                     count, sum and max in ms; latency_sketch is a DDSketch in SketchCodec's
--                     encoding (1% relative accuracy), merged over any range for p95 per edge.
SELECT agentpulse_create_timed_table('agent_calls', $cols$
    caller          text NOT NULL,
    callee          text NOT NULL,
    window_start    timestamptz NOT NULL,
    calls           bigint NOT NULL,
    errors          bigint NOT NULL,
    latency_count   bigint NOT NULL,
    latency_sum     double precision NOT NULL,
    latency_max     double precision,
    latency_sketch  bytea NOT NULL,
    PRIMARY KEY (caller, callee, window_start)
$cols$, 'window_start', interval '1 month');
-- The graph reads a range of minutes for every edge.
CREATE INDEX agent_calls_time ON agent_calls (window_start);
-- TimescaleDB: one-day chunks and compression like rollup_1m's (after 2 days: the job rewrites minutes
-- within its look-back, at most 24 h, so a compressed chunk is rarely touched; DML on one still works).
DO $$
BEGIN
    IF (SELECT mode FROM agentpulse_storage) = 'timescaledb' THEN
        PERFORM set_chunk_time_interval('agent_calls'::regclass, interval '1 day');
        ALTER TABLE agent_calls SET (timescaledb.compress, timescaledb.compress_segmentby = 'caller, callee',
                                     timescaledb.compress_orderby = 'window_start DESC');
        PERFORM add_compression_policy('agent_calls', compress_after => interval '2 days', if_not_exists => true);
    END IF;
END $$;

-- The job's lookups on the raw events (the write cost of these two indexes is in RATIONALE-calls.md):
-- spans stored since its last run (children, and parents whose children must be recounted) ...
CREATE INDEX agent_events_span_ingested ON agent_events (ingested_at)
    WHERE trace_id IS NOT NULL AND span_id IS NOT NULL;
-- ... and a child's parent (or a parent's children) within its trace, a handful of rows per trace.
CREATE INDEX agent_events_trace ON agent_events (trace_id) WHERE trace_id IS NOT NULL;

SELECT agentpulse_ensure_partitions(now() - interval '2 days', now() + interval '2 days');
