package io.agentpulse.query.sse;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails agentpulse.rollups from its end on a dedicated thread. No consumer group: every replica
 * of the query API needs every rollup, and a live view has nothing to resume, so partitions are
 * assigned directly and positioned at the end; read_committed hides aborted snapshots of the
 * exactly-once processor. A record that does not decode is skipped and counted.
 */
public final class KafkaRollupFeed implements RollupFeed {
    static final CounterSpec RECORDS = new CounterSpec("agentpulse_sse_feed_records_total",
            "Rollup records the SSE feed read from Kafka, by outcome: ok, undecodable", "outcome");
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRollupFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, WindowRollup> consumer;
    private final MeterRegistry meters;
    private final Thread thread;
    private volatile Consumer<WindowRollup> sink;
    private volatile boolean running = true;
    private volatile boolean ready;

    public KafkaRollupFeed(KafkaClients kafka, SchemaRegistryClient registry, MeterRegistry meters) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "agentpulse-query-sse");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = kafka.consumer(p, new StringDeserializer(), new AvroDeserializer<>(registry, WindowRollup.class));
        this.meters = meters;
        this.thread = new Thread(this::run, "agentpulse-sse-feed");
        thread.setDaemon(true);
    }

    @Override
    public void start(Consumer<WindowRollup> sink) {
        this.sink = sink;
        thread.start();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && sink == null) {
            consumer.close(Duration.ZERO);
            return;
        }
        try {
            consumer.wakeup();
        } catch (IllegalStateException e) {
            return; // the poll thread already ended and closed the consumer
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            assignAtEnd();
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("The rollup feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits for the topic to exist (the processor may create it later), then seeks to its end. */
    private void assignAtEnd() {
        List<PartitionInfo> infos = List.of();
        while (running && infos.isEmpty()) {
            try {
                infos = consumer.partitionsFor(Topics.ROLLUPS, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.info("Waiting for {} to exist", Topics.ROLLUPS);
            }
            if (infos == null) {
                infos = List.of();
            }
        }
        List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        ready = true;
        LOG.info("Tailing {} partitions of {}", parts.size(), Topics.ROLLUPS);
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, WindowRollup> rec : consumer.poll(POLL)) {
                if (rec.value() != null) {
                    sink.accept(rec.value());
                    RECORDS.counter(meters, "ok").increment();
                }
            }
        } catch (RecordDeserializationException e) {
            RECORDS.counter(meters, "undecodable").increment();
            LOG.warn("Skipping undecodable rollup at {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }
}
