package io.agentpulse.query.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * Reads the agent-to-agent call graph: agent_calls (V52, kept by the processor's AgentCallJob), the calls
 * of one edge from the raw spans, and the agent counts (agent_last_seen). Real: {@link PgCallGraphReader};
 * in memory: {@link InMemoryCallGraphReader}; one contract test.
 */
public interface CallGraphReader {
    /** The longest a parent span is looked for before or after its child (the processor's look-back bound). */
    long PARENT_SKEW_MS = 86_400_000L;

    /** Every edge with calls whose callee span started in [fromMs, toMs), by caller then callee. */
    Future<List<CallEdge>> edges(long fromMs, long toMs);

    /** The calls of one edge started in [fromMs, toMs), newest first, at most {@code limit}. */
    Future<List<EdgeCall>> calls(String caller, String callee, long fromMs, long toMs, int limit);

    /** Agents heard of at all ({@code total}) and those whose first..last event overlaps [fromMs, toMs) ({@code active}). */
    Future<AgentCount> agents(long fromMs, long toMs);

    record AgentCount(long active, long total) {}
}
