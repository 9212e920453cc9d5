package io.agentpulse.contract.serde;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The value serde of each Avro topic, so that a topic's name and value type never drift apart. */
public final class TopicSerdes {
    private TopicSerdes() {}

    /** Values of {@code Topics.EVENTS} and {@code Topics.EVENTS_ENRICHED}. */
    public static Serde<AgentEvent> events(SchemaRegistryClient client) {
        return of(client, AgentEvent.class);
    }

    /** Values of {@code Topics.ROLLUPS}. */
    public static Serde<WindowRollup> rollups(SchemaRegistryClient client) {
        return of(client, WindowRollup.class);
    }

    /** Values of {@code Topics.ALERTS}. */
    public static Serde<AlertEvent> alerts(SchemaRegistryClient client) {
        return of(client, AlertEvent.class);
    }

    private static <T extends SpecificRecord> Serde<T> of(SchemaRegistryClient client, Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(client), new AvroDeserializer<>(client, type));
    }
}
