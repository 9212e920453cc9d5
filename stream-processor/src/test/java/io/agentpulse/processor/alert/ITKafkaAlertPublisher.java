package io.agentpulse.processor.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.TopicSpecs;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.TopicSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The alert publisher contract on the real (embedded) Kafka broker, read back with the alert serde. */
class ITKafkaAlertPublisher extends AlertPublisherContract {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private String bootstrap;
    private KafkaAlertPublisher publisher;

    @BeforeEach
    void connect() {
        bootstrap = EmbeddedInfra.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicSpecs.ensure(admin, 1, (short) 1);
        }
        publisher = new KafkaAlertPublisher(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), TopicSerdes.alerts(registry).serializer()));
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Override
    AlertPublisher publisher() {
        return publisher;
    }

    @Override
    List<AlertEvent> delivered(List<String> fingerprints) {
        List<AlertEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, AlertEvent> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-alert-publisher-" + fingerprints.get(0),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                TopicSerdes.alerts(registry).deserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            long end = System.currentTimeMillis() + 30_000;
            while (out.size() < fingerprints.size() && System.currentTimeMillis() < end) {
                c.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (fingerprints.contains(r.value().getFingerprint()) && r.key().equals(r.value().getFingerprint())) {
                        out.add(r.value());
                    }
                });
            }
        }
        return out;
    }
}
