package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.schemas.registry.InMemorySchemaRegistryClient;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import io.agentpulse.schemas.serde.AvroDeserializer;
import io.agentpulse.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract against Kafka: Avro in the Confluent wire format on a real KRaft broker. */
class ITKafkaTransport extends TransportContract {
    private static final SchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
    private final String topic = "client-contract-" + UUID.randomUUID();
    private KafkaConsumer<String, AgentEvent> consumer;
    private final List<AgentEvent> seen = new ArrayList<>();

    @BeforeEach
    void topic() {
        EmbeddedInfra.shared().createTopics(3, topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new AvroDeserializer<>(REGISTRY, AgentEvent.class));
        consumer.subscribe(List.of(topic));
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    @Override
    Transport transport() {
        return new KafkaTransport(new KafkaProducer<>(KafkaEventPublisher.producerConfig(
                EmbeddedInfra.shared().bootstrapServers(), Duration.ofSeconds(5)), new StringSerializer(),
                new AvroSerializer<AgentEvent>(REGISTRY)), topic, Duration.ofSeconds(10));
    }

    @Override
    List<AgentEvent> delivered() {
        for (ConsumerRecord<String, AgentEvent> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(r.value());
        }
        return seen;
    }
}
