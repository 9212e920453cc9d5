package io.agentpulse.schemas.serde;
import io.agentpulse.avro.*;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.*;
/** TEMPORARY shim. */
public final class TopicSerdes {
    public static Serde<AgentEvent> events(SchemaRegistryClient c) { return Serdes.serdeFrom(new AvroSerializer<>(c), new AvroDeserializer<>(c, AgentEvent.class)); }
    public static Serde<WindowRollup> rollups(SchemaRegistryClient c) { return Serdes.serdeFrom(new AvroSerializer<>(c), new AvroDeserializer<>(c, WindowRollup.class)); }
}
