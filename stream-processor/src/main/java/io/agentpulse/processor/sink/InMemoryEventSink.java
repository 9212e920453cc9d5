package io.agentpulse.processor.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory EventSink: first write of an event_id wins; first/last seen per agent as agent_last_seen. */
final class InMemoryEventSink implements EventSink {
    private final Map<String, EnrichedEvent> rows = new ConcurrentHashMap<>();
    private final Map<String, AgentTimes> seen = new ConcurrentHashMap<>();

    @Override
    public void insert(List<EnrichedEvent> events) {
        events.forEach(e -> rows.putIfAbsent(e.event().getEventId(), e));
        AgentTimes.of(events).forEach((agent, t) -> seen.merge(agent, t, AgentTimes::merge));
    }

    /** The agent's first and last completion time, as agent_last_seen holds them. */
    Optional<AgentTimes> seen(String agentId) {
        return Optional.ofNullable(seen.get(agentId));
    }

    public Optional<EnrichedEvent> find(String eventId) {
        return Optional.ofNullable(rows.get(eventId));
    }

    public int size() {
        return rows.size();
    }
}
