package io.agentpulse.processor.sink;

import io.agentpulse.avro.AgentEvent;

/** An accepted event and where its cost came from ("event", "catalog", or null when unknown). */
public record EnrichedEvent(AgentEvent event, String costSource) {}
