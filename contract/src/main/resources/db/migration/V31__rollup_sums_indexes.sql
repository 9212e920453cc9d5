-- Covering indexes for the sums-only reads of the query API (issue 7): cost tables, availability,
-- today/yesterday totals, ranking the top keys, request-rate charts, SLO totals. Rows of the hour
-- and day tables carry a latency sketch of ~1-2 KB inline, so summing `count` or `cost_usd` over a
-- year of the agent group (~365k day rows) from the heap reads ~0.8 GB; from these indexes
-- (index-only scans, once autovacuum has set the visibility map) it reads ~40 MB. They hold every
-- column such a read touches: the filter and group columns and the exact counters, never a sketch.
--   *_sums      (grp, window_start, ...): every key of a group over a time range (rankings, tables
--               of all agents, SLO per agent).
--   *_key_sums  (grp, agent_id, model, operation, window_start, ...): a few keys over a long range
--               (the top 10 agents' request rates, one agent's totals): their entries are adjacent,
--               where the heap has one page per (key, window) (rows are written window by window).
-- rollup_1d_rank (V11: count only) is a subset of rollup_1d_sums and is dropped.
-- The minute table gets none: the planner reads it only for the sub-hour edges of a range.
-- Plain PostgreSQL and TimescaleDB alike (an index on the parent reaches every partition/chunk).
-- Cost: two more index entries per hour/day row written (open windows were already not HOT since V11);
-- on the backfilled year ~0.5 GB (day) and ~1 GB (hour) each.
CREATE INDEX IF NOT EXISTS rollup_1d_sums ON rollup_1d (grp, window_start)
    INCLUDE (agent_id, model, operation, count, errors, input_tokens, output_tokens, cached_input_tokens, cost_usd);
CREATE INDEX IF NOT EXISTS rollup_1h_sums ON rollup_1h (grp, window_start)
    INCLUDE (agent_id, model, operation, count, errors, input_tokens, output_tokens, cached_input_tokens, cost_usd);
CREATE INDEX IF NOT EXISTS rollup_1d_key_sums ON rollup_1d (grp, agent_id, model, operation, window_start)
    INCLUDE (count, errors, input_tokens, output_tokens, cached_input_tokens, cost_usd);
CREATE INDEX IF NOT EXISTS rollup_1h_key_sums ON rollup_1h (grp, agent_id, model, operation, window_start)
    INCLUDE (count, errors, input_tokens, output_tokens, cached_input_tokens, cost_usd);
DROP INDEX IF EXISTS rollup_1d_rank;
