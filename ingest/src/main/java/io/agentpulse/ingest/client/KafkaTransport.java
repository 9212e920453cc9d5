package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.schemas.Topics;
import io.agentpulse.schemas.registry.HttpSchemaRegistryClient;
import io.agentpulse.schemas.registry.RegistrySettings;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import io.agentpulse.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Straight to {@code agentpulse.events}: Avro in the Confluent wire format (schema registered in the
 * registry), keyed by agent id, idempotent producer with acks=all. A batch returns once every event is
 * acknowledged or the timeout passed.
 */
public final class KafkaTransport implements Transport {
    private final Producer<String, AgentEvent> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaTransport(Producer<String, AgentEvent> producer, Duration timeout) {
        this(producer, Topics.EVENTS, timeout);
    }

    /** On another topic than agentpulse.events (tests). */
    public KafkaTransport(Producer<String, AgentEvent> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A producer of its own on {@code bootstrap}, serializing through the registry of {@code registrySettings}. */
    public static KafkaTransport create(String bootstrap, RegistrySettings registrySettings, Duration timeout) {
        SchemaRegistryClient registry = HttpSchemaRegistryClient.create(registrySettings);
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis() / 2),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout.toMillis(), 2000));
        return new KafkaTransport(new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(registry)), timeout);
    }

    @Override
    public void send(List<AgentEvent> batch) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (AgentEvent e : batch) {
            acks.add(producer.send(new ProducerRecord<>(topic, e.getAgentId(), e)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RetriableException) {
                    throw new RetryableException("Kafka did not acknowledge: " + e.getCause(), 0);
                }
                throw e;
            } catch (java.util.concurrent.TimeoutException e) {
                throw new RetryableException("Kafka did not acknowledge within " + timeout, 0);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
