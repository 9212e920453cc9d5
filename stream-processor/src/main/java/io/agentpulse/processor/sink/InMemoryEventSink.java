package io.agentpulse.processor.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory EventSink: first write of an event_id wins. */
public final class InMemoryEventSink implements EventSink {
    private final Map<String, EnrichedEvent> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(List<EnrichedEvent> events) {
        events.forEach(e -> rows.putIfAbsent(e.event().getEventId(), e));
    }

    public Optional<EnrichedEvent> find(String eventId) {
        return Optional.ofNullable(rows.get(eventId));
    }

    public int size() {
        return rows.size();
    }
}
