package io.agentpulse.ingest.publish;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to {@link Topics#EVENTS} with an idempotent producer (acks=all), key = agent id. A batch
 * completes when every record's callback reported success; an unreachable broker fails it within
 * the delivery timeout (send timeout), and a missing-metadata wait inside send() within max.block.ms.
 * Readiness: a background probe fetches the topic's metadata until it succeeds once.
 */
public final class KafkaEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    /** Pause between readiness probes while the broker is unreachable. */
    private static final long PROBE_INTERVAL_MS = 1000;

    private final Producer<String, AgentEvent> producer;
    private final String topic;
    private final ScheduledExecutorService prober;
    private volatile boolean ready;
    private volatile KafkaClientMetrics producerMetrics;

    /** Wraps a configured producer (see {@link #producerConfig}); this publisher closes it. */
    public KafkaEventPublisher(Producer<String, AgentEvent> producer) {
        this(producer, Topics.EVENTS);
    }

    KafkaEventPublisher(Producer<String, AgentEvent> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agentpulse-publisher-probe");
            t.setDaemon(true);
            return t;
        });
        prober.execute(this::probe);
    }

    /** A publisher with its own producer; values are written by {@code valueSerializer} (our AvroSerializer). */
    public static KafkaEventPublisher create(KafkaClients kafka, Serializer<AgentEvent> valueSerializer,
                                             Duration sendTimeout) {
        return new KafkaEventPublisher(kafka.producer(producerConfig(kafka.bootstrapServers(), sendTimeout),
                new StringSerializer(), valueSerializer));
    }

    /**
     * The gateway's publisher: Kafka and send timeout from the gateway's config, values in the Confluent
     * wire format through {@code registry}; the producer's own metrics are bound to {@code metrics}.
     */
    public static KafkaEventPublisher create(KafkaClients kafka, Duration sendTimeout, SchemaRegistryClient registry,
                                             MeterRegistry metrics) {
        KafkaEventPublisher publisher = create(kafka, new AvroSerializer<AgentEvent>(registry), sendTimeout);
        KafkaClientMetrics binder = new KafkaClientMetrics(publisher.producer);
        publisher.producerMetrics = binder;
        try {
            binder.bindTo(metrics);
        } catch (RuntimeException e) {
            // Another Kafka client may own meters of the same names with other tags: lose these, not the gateway.
            LOG.warn("Kafka producer metrics not exported: {}", e.toString());
        }
        return publisher;
    }

    /**
     * Producer settings: idempotent, acks=all, 5 ms linger, lz4, and timeouts derived from
     * {@code sendTimeout} so that an unreachable broker fails a send within about that time.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, Duration sendTimeout) {
        long delivery = Math.max(1000, sendTimeout.toMillis());
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        // lz4 rather than zstd: cheaper CPU on a 2-core box, still ~3-4x on repetitive JSON-ish Avro.
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // delivery.timeout.ms >= linger.ms + request.timeout.ms, or the producer refuses the config.
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (delivery / 2));
        // send() waits at most this long for metadata or buffer space (it runs on a worker thread).
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(delivery, 2000L));
        c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "agentpulse-gateway");
        return c;
    }

    @Override
    public CompletableFuture<Void> publish(List<AgentEvent> events) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger pending = new AtomicInteger(events.size());
        AtomicReference<Exception> firstError = new AtomicReference<>();
        Callback callback = (metadata, error) -> {
            if (error != null) {
                firstError.compareAndSet(null, error);
            } else {
                ready = true;
            }
            if (pending.decrementAndGet() == 0) {
                finish(done, firstError.get(), events.size());
            }
        };
        int sent = 0;
        for (AgentEvent e : events) {
            // A failed send (callback already called, or thrown) fails the batch: stop, so that a
            // missing broker costs one max.block.ms, not one per record.
            if (firstError.get() != null) {
                break;
            }
            try {
                producer.send(new ProducerRecord<>(topic, e.getAgentId(), e), callback);
                sent++;
            } catch (RuntimeException ex) {
                firstError.compareAndSet(null, ex);
                break;
            }
        }
        int unsent = events.size() - sent;
        if (unsent > 0 && pending.addAndGet(-unsent) == 0) {
            finish(done, firstError.get(), events.size());
        }
        return done;
    }

    private static void finish(CompletableFuture<Void> done, Exception error, int size) {
        if (error == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(new PublishException("Kafka did not acknowledge the batch of " + size
                    + " events: " + error.getClass().getSimpleName() + ": " + error.getMessage(), error));
        }
    }

    @Override
    public boolean ready() {
        return ready;
    }

    private void probe() {
        if (ready) {
            return;
        }
        try {
            producer.partitionsFor(topic); // blocks up to max.block.ms
            ready = true;
            LOG.info("Producer reached the broker; topic {} is known.", topic);
        } catch (RuntimeException e) {
            LOG.debug("Broker not reachable yet: {}", e.toString());
            if (!prober.isShutdown()) {
                prober.schedule(this::probe, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
