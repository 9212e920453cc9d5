-- One row per agent that ever sent an event (issue 15: fleet-scale reads). The agents list, the
-- agent page and the overview read "last seen" and "active agents" here instead of scanning
-- max(event_time) over 7 days of agent_events. The processor's event sink keeps it: one upsert per
-- agent per batch, in the transaction that inserts the batch's raw events.
-- Both times are completion times (event_time + latency_ms, the window rule of docs/CONTRACTS.md,
-- schemas/Completion): the moment the agent's outcome was known, which is when it was last heard of.
-- They only move outwards (GREATEST / LEAST), so late, out-of-order and replayed events are harmless.
CREATE TABLE agent_last_seen (
    agent_id    text PRIMARY KEY,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);
CREATE INDEX agent_last_seen_time ON agent_last_seen (last_seen);

-- Backfill once from the raw events already stored; the rule of Completion.of in SQL (no latency,
-- zero, negative or NaN: completes at the start; capped at 1e10 ms). Later rows come from the sink.
INSERT INTO agent_last_seen (agent_id, first_seen, last_seen)
SELECT agent_id, min(done), max(done)
FROM (SELECT agent_id, event_time + CASE WHEN latency_ms > 0 AND latency_ms <> 'NaN'::float8
                                         THEN round(least(latency_ms, 1e10)) * interval '1 millisecond'
                                         ELSE interval '0' END AS done
      FROM agent_events) e
GROUP BY agent_id;
