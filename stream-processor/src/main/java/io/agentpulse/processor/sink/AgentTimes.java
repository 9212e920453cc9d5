package io.agentpulse.processor.sink;

import io.agentpulse.contract.Completion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * First and last completion time (epoch ms, contract/Completion) per agent, of one batch or of
 * everything stored: what agent_last_seen holds. Merging only moves the times outwards, so a late
 * or replayed event never moves last_seen back.
 */
record AgentTimes(long firstMs, long lastMs) {
    AgentTimes merge(AgentTimes o) {
        return new AgentTimes(Math.min(firstMs, o.firstMs), Math.max(lastMs, o.lastMs));
    }

    /** One entry per agent of the batch, sorted by agent id (so concurrent upserts lock rows in one order). */
    static Map<String, AgentTimes> of(List<EnrichedEvent> events) {
        Map<String, AgentTimes> out = new TreeMap<>();
        for (EnrichedEvent e : events) {
            long done = Completion.of(e.event());
            out.merge(e.event().getAgentId(), new AgentTimes(done, done), AgentTimes::merge);
        }
        return out;
    }
}
