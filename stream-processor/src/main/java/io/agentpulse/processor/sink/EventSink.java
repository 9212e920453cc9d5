package io.agentpulse.processor.sink;

import java.util.List;

/** Stores accepted raw events; an event_id already stored is left unchanged (insert once). */
interface EventSink {
    void insert(List<EnrichedEvent> events);
}
