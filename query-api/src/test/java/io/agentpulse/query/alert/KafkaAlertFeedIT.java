package io.agentpulse.query.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;

/** The alert feed contract against a real broker, each test on its own two-partition topic. */
class KafkaAlertFeedIT extends AlertFeedContract {
    private final EmbeddedInfra infra = EmbeddedInfra.shared();
    private final String topic = "alerts-contract-" + UUID.randomUUID();
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private KafkaProducer<String, AlertEvent> producer;

    @Override
    protected AlertFeed feed() {
        infra.createTopics(2, topic);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), new AvroSerializer<>(registry));
        return new KafkaAlertFeed(io.agentpulse.ops.KafkaClients.plaintext(infra.bootstrapServers()), registry, 10_000, topic);
    }

    @Override
    protected long append(int partition, String fingerprint) throws Exception {
        return producer.send(new ProducerRecord<>(topic, partition, fingerprint, TestAlerts.transition(fingerprint, AlertState.FIRING)))
                .get().offset();
    }

    @Override
    protected void deleteBefore(int partition, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }

    @AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }
}
