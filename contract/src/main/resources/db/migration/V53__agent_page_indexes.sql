-- The agent page's raw-event reads at fleet scale (issue 15, point 4). A busy agent sends ~86k events a
-- day; through agent_events_agent_time, "slowest calls" read and sorted all of them (190 ms for a day
-- on the benchmark's history) and "tools" grouped all of them (140 ms).
--   slowest: per partition the agent's spans in latency order, so ORDER BY latency_ms DESC LIMIT 20
--            stops after ~20 entries per partition in the range (6 ms).
--   tools:   the agent's tool calls only (about a fifth of its events), with the two columns counted,
--            so the tool table is an index scan (14 ms).
-- Both cost one more index entry per written event (the tools one per tool call only).
CREATE INDEX IF NOT EXISTS agent_events_agent_slowest ON agent_events (agent_id, latency_ms DESC NULLS LAST)
    WHERE kind = 'SPAN';
CREATE INDEX IF NOT EXISTS agent_events_agent_tools ON agent_events (agent_id, event_time) INCLUDE (tool_name, status)
    WHERE tool_name IS NOT NULL;
