package io.agentpulse.ingest.publish;

import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.embedded.EmbeddedKafka;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.AvroSerializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The publisher contract against the Kafka publisher on a real KRaft broker. */
class ITKafkaEventPublisher extends EventPublisherContract {
    static final String TOPIC = "ingest-contract-" + UUID.randomUUID();
    static final SchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;
    static KafkaEventPublisher publisher;
    static KafkaConsumer<String, AgentEvent> consumer;
    static final List<Map.Entry<String, AgentEvent>> seen = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(dataDir, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        publisher = new KafkaEventPublisher(new KafkaProducer<>(
                KafkaEventPublisher.producerConfig(kafka.bootstrapServers(), Duration.ofSeconds(5)),
                new StringSerializer(), new AvroSerializer<AgentEvent>(REGISTRY)), TOPIC);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new AvroDeserializer<>(REGISTRY, AgentEvent.class));
        List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1),
                new TopicPartition(TOPIC, 2));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @AfterAll
    static void stopBroker() {
        if (publisher != null) {
            publisher.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    EventPublisher publisher() {
        return publisher;
    }

    @Override
    EventPublisher brokenPublisher() {
        return KafkaEventPublisher.create(KafkaClients.plaintext("127.0.0.1:" + closedPort()), new AvroSerializer<AgentEvent>(REGISTRY),
                Duration.ofSeconds(2));
    }

    @Override
    List<Map.Entry<String, AgentEvent>> published(int atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, AgentEvent> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(Map.entry(r.key(), r.value()));
            }
            return seen.size() >= atLeast;
        });
        return List.copyOf(seen);
    }

    /** A port nothing listens on: bound, then released. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
