package io.agentpulse.bench.faults;

import io.agentpulse.ops.KafkaClients;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.contract.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes alert transitions (firing / resolved of 50 alert instances, in the processor's Avro
 * format, keyed by fingerprint as the processor keys them) to agentpulse.alerts at a fixed rate, so
 * the SSE scenario has transitions before, during and after a failover whatever the load does; and
 * reads the topic back whole: the truth the SSE clients are compared with (the query APIs cannot
 * tell these records from the processor's).
 */
final class AlertPump implements AutoCloseable {
    private final KafkaProducer<String, AlertEvent> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sent = new AtomicLong();

    AlertPump(String bootstrap, RegistrySettings registry, int perSecond) {
        producer = KafkaClients.plaintext(bootstrap).producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new AvroSerializer<>(HttpSchemaRegistryClient.create(registry)));
        timer.scheduleAtFixedRate(this::one, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
    }

    private void one() {
        long n = sent.getAndIncrement();
        String fp = "bench-" + (n % 50);
        Instant now = Instant.now();
        AlertState state = (n / 50) % 2 == 0 ? AlertState.FIRING : AlertState.RESOLVED;
        AlertEvent e = AlertEvent.newBuilder().setFingerprint(fp).setRuleId("bench-rule").setRuleName("bench rule")
                .setState(state).setSeverity(Severity.WARNING).setLabels(Map.of("agent", "agent-" + (n % 50)))
                .setValue(2.0).setThreshold(1.0).setSummary("transition " + n).setStartsAt(now)
                .setEndsAt(state == AlertState.RESOLVED ? now : null).setEmittedAt(now).build();
        producer.send(new ProducerRecord<>(Topics.ALERTS, fp, e));
    }

    long sent() {
        return sent.get();
    }

    /** Stops sending and waits for every send to be acknowledged. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }

    /** Every (partition, offset) agentpulse.alerts holds, read_committed, as "p:o" per partition in order. */
    static Map<Integer, List<Long>> topic(String bootstrap) {
        Map<Integer, List<Long>> out = new java.util.TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.plaintext(bootstrap).consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.ALERTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            parts.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.get(r.partition()).add(r.offset());
                    }
                }
            }
        }
        return out;
    }
}
