package io.agentpulse.query.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Tails agentpulse.alerts from its end with no consumer group and no commits (assign + seek):
 * every replica streams every transition, positioned by (partition, offset). read_committed, so
 * aborted transactions of the exactly-once processor never show. {@link #read} reads a range back
 * with a short-lived consumer on one background thread (reads run one at a time; the hub batches).
 */
final class KafkaAlertFeed implements AlertFeed {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertFeed.class);
    /** How long one read-back may take before it fails (and the waiting clients get a reset). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaClients kafka;
    private final String topic;
    private final Properties props;
    private final SchemaRegistryClient registry;
    private final int backfillMax;
    private final KafkaConsumer<String, AlertEvent> consumer;
    private final Thread thread;
    private final ExecutorService reader;
    private volatile boolean running = true;
    private volatile boolean ready;
    private Sink sink;

    public KafkaAlertFeed(KafkaClients kafka, SchemaRegistryClient registry, int backfillMax) {
        this(kafka, registry, backfillMax, Topics.ALERTS);
    }

    /** {@code topic}: tests use their own. */
    public KafkaAlertFeed(KafkaClients kafka, SchemaRegistryClient registry, int backfillMax, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        this.registry = registry;
        this.backfillMax = backfillMax;
        props = new Properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = newConsumer("agentpulse-query-alerts");
        thread = new Thread(this::run, "agentpulse-sse-alerts");
        thread.setDaemon(true);
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agentpulse-sse-alerts-backfill");
            t.setDaemon(true);
            return t;
        });
    }

    private KafkaConsumer<String, AlertEvent> newConsumer(String clientId) {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return kafka.consumer(p, new StringDeserializer(), new AvroDeserializer<>(registry, AlertEvent.class));
    }

    @Override
    public void start(Sink s) {
        this.sink = s;
        thread.start();
    }

    @Override
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
            List<TopicPartition> parts = partitions();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            Map<Integer, Long> start = new TreeMap<>();
            parts.forEach(tp -> start.put(tp.partition(), consumer.position(tp)));
            sink.positions(start);
            ready = true;
            LOG.info("Tailing {} from {}", topic, start);
            while (running) {
                poll(consumer, rec -> sink.transition(rec));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("The alert feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits for the topic to exist (the processor may create it later). */
    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = List.of();
        while (running && (infos == null || infos.isEmpty())) {
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.info("Waiting for {} to exist", topic);
            }
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private static void poll(KafkaConsumer<String, AlertEvent> c, java.util.function.Consumer<AlertTransition> out) {
        try {
            for (ConsumerRecord<String, AlertEvent> rec : c.poll(Duration.ofMillis(500))) {
                if (rec.value() != null) {
                    out.accept(new AlertTransition(rec.partition(), rec.offset(), json(rec.value())));
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.warn("Skipping undecodable alert at {}@{}", e.topicPartition(), e.offset());
            c.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    @Override
    public CompletionStage<Backfill> read(Map<Integer, Long> from) {
        return CompletableFuture.supplyAsync(() -> readNow(from), reader);
    }

    private Backfill readNow(Map<Integer, Long> from) {
        try (KafkaConsumer<String, AlertEvent> c = newConsumer("agentpulse-query-alerts-backfill")) {
            Map<TopicPartition, Long> want = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
            from.forEach((p, pos) -> want.put(new TopicPartition(topic, p), pos));
            Map<TopicPartition, Long> starts = c.beginningOffsets(want.keySet(), READ_TIMEOUT);
            Map<TopicPartition, Long> ends = c.endOffsets(want.keySet(), READ_TIMEOUT);
            Map<Integer, Long> logStart = new TreeMap<>();
            Map<Integer, Long> end = new TreeMap<>();
            long span = 0;
            for (TopicPartition tp : want.keySet()) {
                logStart.put(tp.partition(), starts.get(tp));
                end.put(tp.partition(), ends.get(tp));
                span += Math.max(0, ends.get(tp) - Math.max(want.get(tp), starts.get(tp)));
            }
            if (span > backfillMax) {
                throw new IllegalStateException("reading back " + span + " offsets is more than the bound of " + backfillMax);
            }
            List<TopicPartition> toRead = want.keySet().stream()
                    .filter(tp -> want.get(tp) >= starts.get(tp) && want.get(tp) < ends.get(tp)).toList();
            List<AlertTransition> out = new java.util.ArrayList<>();
            c.assign(toRead);
            toRead.forEach(tp -> c.seek(tp, want.get(tp)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (toRead.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading back " + topic + " took more than " + READ_TIMEOUT);
                }
                poll(c, t -> {
                    if (t.offset() < end.get(t.partition())) {
                        out.add(t);
                    }
                });
            }
            return new Backfill(logStart, end, out);
        }
    }

    @Override
    public void close() {
        running = false;
        reader.shutdownNow();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO);
            return;
        }
        if (!thread.isAlive()) {
            return;
        }
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
