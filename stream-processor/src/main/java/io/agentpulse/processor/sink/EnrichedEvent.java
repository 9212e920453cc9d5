package io.agentpulse.processor.sink;

import io.agentpulse.avro.AgentEvent;

/**
 * An accepted event, where its cost came from ("event", "catalog", or null when unknown) and, when
 * priced from the catalog, the id of the price version that priced it (price_versions.id, V44).
 */
public record EnrichedEvent(AgentEvent event, String costSource, String priceVersion) {
    public EnrichedEvent(AgentEvent event, String costSource) {
        this(event, costSource, null);
    }
}
