package io.agentpulse.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Straight to the events topic: Avro in Confluent's wire format (schema registered on the first batch),
 * keyed by agent id, idempotent producer with acks=all and the agent's own properties (security
 * included) on top. A batch returns once every event is acknowledged or the timeout passed.
 * Loaded only through {@link KafkaSupport}, after kafka-clients and avro were found.
 */
final class KafkaTransport implements Transport {
    private final Producer<String, byte[]> producer;
    private final RegistryClient registry;
    private final AvroEventEncoder encoder = new AvroEventEncoder();
    private final String topic;
    private final Duration timeout;
    /** The registry's id of the event schema; -1 until the first batch registers it. */
    private int schemaId = -1;

    private KafkaTransport(Producer<String, byte[]> producer, RegistryClient registry, String topic, Duration timeout) {
        this.producer = producer;
        this.registry = registry;
        this.topic = topic;
        this.timeout = timeout;
    }

    static Transport create(KafkaOptions options) {
        if (options.registryAuthorization != null && options.registryUrl.startsWith("http://")) {
            System.getLogger(KafkaTransport.class.getName()).log(System.Logger.Level.WARNING,
                    "The schema registry password is sent without TLS to {0}: use an https:// URL outside a trusted network.", options.registryUrl);
        }
        return new KafkaTransport(newProducer(producerConfig(options)), new RegistryClient(options), options.topic, options.timeout);
    }

    /** The transport's defaults, then every property the agent gave (security.protocol, sasl.*, ssl.*, ...), then the brokers. */
    static Map<String, Object> producerConfig(KafkaOptions o) {
        long ms = o.timeout.toMillis();
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ms,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ms / 2 - 5), // delivery >= linger + request
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(ms, 2000)));
        config.putAll(o.properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers);
        return config;
    }

    /** The one place the client makes a Kafka client (it cannot use the contract module's factory: no dependency on it). */
    static Producer<String, byte[]> newProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(List<PulseEvent> batch) throws Exception {
        if (schemaId < 0) {
            schemaId = registry.register(topic + "-value", AvroEventEncoder.SCHEMA.toString());
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (PulseEvent e : batch) {
            acks.add(producer.send(new ProducerRecord<>(topic, e.agentId(), encoder.encode(e, schemaId))));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException) {
                    throw new RetryableException("Kafka did not acknowledge: " + e.getCause(), 0);
                }
                throw e;
            } catch (TimeoutException e) {
                throw new RetryableException("Kafka did not acknowledge within " + timeout, 0);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
