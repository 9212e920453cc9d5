package io.agentpulse.query.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.schemas.Topics;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import io.agentpulse.schemas.serde.AvroDeserializer;
import io.vertx.core.json.JsonObject;
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
 * Tails agentpulse.alerts from its end (no group: every replica streams every transition) and
 * hands each transition, as JSON, to the SSE hub as an `alert` event. read_committed.
 */
public final class KafkaAlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertFeed.class);

    private final KafkaConsumer<String, AlertEvent> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;
    private Consumer<JsonObject> sink;

    public KafkaAlertFeed(String bootstrap, SchemaRegistryClient registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "agentpulse-query-alerts");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new AvroDeserializer<>(registry, AlertEvent.class));
        thread = new Thread(this::run, "agentpulse-sse-alerts");
        thread.setDaemon(true);
    }

    public void start(Consumer<JsonObject> sink) {
        this.sink = sink;
        thread.start();
    }

    public boolean ready() {
        return ready;
    }

    static JsonObject json(AlertEvent e) {
        JsonObject labels = new JsonObject();
        e.getLabels().forEach(labels::put);
        return new JsonObject().put("fingerprint", e.getFingerprint()).put("rule_id", e.getRuleId()).put("rule_name", e.getRuleName())
                .put("state", e.getState().name()).put("severity", e.getSeverity().name()).put("labels", labels)
                .put("value", e.getValue()).put("threshold", e.getThreshold()).put("summary", e.getSummary())
                .put("starts_at", e.getStartsAt().toEpochMilli())
                .put("ends_at", e.getEndsAt() == null ? null : e.getEndsAt().toEpochMilli())
                .put("emitted_at", e.getEmittedAt().toEpochMilli());
    }

    private void run() {
        try {
            List<PartitionInfo> infos = List.of();
            while (running && (infos == null || infos.isEmpty())) {
                try {
                    infos = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(5));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    LOG.info("Waiting for {} to exist", Topics.ALERTS);
                }
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            ready = true;
            while (running) {
                poll();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("The alert feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, AlertEvent> rec : consumer.poll(Duration.ofMillis(500))) {
                if (rec.value() != null) {
                    sink.accept(json(rec.value()));
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.warn("Skipping undecodable alert at {}@{}", e.topicPartition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            consumer.wakeup();
        } catch (IllegalStateException e) {
            return;
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
