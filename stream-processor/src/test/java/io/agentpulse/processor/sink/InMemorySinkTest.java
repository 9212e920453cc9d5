package io.agentpulse.processor.sink;

import io.agentpulse.ops.Bytes;

import io.agentpulse.contract.sketch.SketchCodec;
import java.util.Optional;

class InMemorySinkTest extends SinkContract {
    private final InMemoryRollupSink rollups = new InMemoryRollupSink();
    private final InMemoryEventSink events = new InMemoryEventSink();

    @Override
    RollupSink rollups() {
        return rollups;
    }

    @Override
    EventSink events() {
        return events;
    }

    @Override
    Optional<Row> rollup(String granularity, String grp, String agent, String model, String op, long start) {
        return rollups.find(granularity, grp, agent, model, op, start).map(r -> new Row(r.getCount(), r.getIsFinal(),
                r.getCostUsd(), r.getP99Ms(), (long) SketchCodec.decode(Bytes.of(r.getLatencySketch())).getCount()));
    }

    @Override
    Optional<Feedback> feedback(String granularity) {
        return rollups.find(granularity, "series", "a1", "gpt-4o", "chat", START)
                .map(r -> new Feedback(r.getFeedbackCount(), r.getFeedbackSum(), r.getFeedbackHistogram()));
    }

    @Override
    java.util.Map<String, Long> errorTypes(String granularity, String grp, String agent, String model, String op, long start) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        rollups.find(granularity, grp, agent, model, op, start).ifPresent(r -> r.getErrorTypes().forEach((k, v) -> out.put(k.toString(), v)));
        return out;
    }

    @Override
    Optional<EventRow> event(String eventId) {
        return events.find(eventId).map(e -> new EventRow(e.event().getAgentId(), e.event().getCostUsd(), e.costSource(),
                e.event().getAttributes()));
    }

    @Override
    Optional<AgentTimes> seen(String agentId) {
        return events.seen(agentId);
    }

    @Override
    Optional<AgentTimes> dimensionValue(String dimension, String value) {
        return rollups.dimensionValue(dimension, value).map(a -> new AgentTimes(a[0], a[1]));
    }
}
