package io.agentpulse.ingest.json;

import io.agentpulse.avro.AgentEvent;
import java.util.List;

/**
 * A decoded batch: the valid events in their original order, one rejection per invalid event, and
 * the number of unknown fields that were skipped (a hint that a client speaks a newer format).
 */
public record ParsedBatch(List<AgentEvent> events, List<Rejection> rejections, int unknownFields) {
    public ParsedBatch {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
    }

    /** Number of events the client sent, valid or not. */
    public int total() {
        return events.size() + rejections.size();
    }
}
