package io.agentpulse.contract.serde;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.Map;

/** Fixed events for the serde tests. */
final class TestEvents {
    static final Instant TIME = Instant.ofEpochMilli(1_700_000_000_000L);

    private TestEvents() {}

    static AgentEvent fixed() {
        return AgentEvent.newBuilder()
            .setEventId("e-1")
            .setEventTime(TIME)
            .setAgentId("agent-7")
            .setKind(EventKind.SPAN)
            .setModel("gpt-4o")
            .setOperation("chat")
            .setLatencyMs(123.5)
            .setInputTokens(1000L)
            .setOutputTokens(50L)
            .setStatus(Status.OK)
            .setAttributes(Map.of("region", "eu"))
            .build();
    }
}
