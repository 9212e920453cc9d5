package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around PulseTopology with typed topics; no network. */
final class Harness implements AutoCloseable {
    /**
     * Wall clock at start; event times in tests are offsets from T0 (a minute boundary). Events have a
     * latency of 100 ms unless a test sets one, so they complete (and are windowed) 100 ms later.
     */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> events;
    final TestOutputTopic<byte[], byte[]> dlq;
    final TestOutputTopic<String, AgentEvent> enriched;
    final TestOutputTopic<String, WindowRollup> rollups;
    private final AvroSerializer<AgentEvent> serializer = new AvroSerializer<>(registry);

    Harness() {
        this(Map.of());
    }

    Harness(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "memory",
                "AGENTPULSE_PROCESSOR_ROLLUP_STORE", "memory", "AGENTPULSE_PROCESSOR_SERIES_EMIT_INTERVAL", "PT1S",
                "AGENTPULSE_DIMENSIONS", "none")); // counts of groups per window; DimensionsTest slices
        all.putAll(env); // RocksDB flushes on every TopologyTestDriver commit: tests use it only where it matters
        ProcessorConfig config = ProcessorConfig.fromEnv(all);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, tempDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PulseTopology.build(config, registry, new PulseMetrics(meters)), p, Instant.ofEpochMilli(T0));
        events = driver.createInputTopic(Topics.EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
        dlq = driver.createOutputTopic(Topics.EVENTS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        enriched = driver.createOutputTopic(Topics.EVENTS_ENRICHED, new StringDeserializer(), new AvroDeserializer<>(registry, AgentEvent.class));
        rollups = driver.createOutputTopic(Topics.ROLLUPS, new StringDeserializer(), new AvroDeserializer<>(registry, WindowRollup.class));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("pulse-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static AgentEvent.Builder event(String id, long offsetMs) {
        return AgentEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(T0 + offsetMs))
                .setAgentId("agent-1").setModel("gpt-4o").setOperation("chat").setStatus(Status.OK)
                .setLatencyMs(100.0).setInputTokens(10L).setOutputTokens(5L).setCostUsd(0.001);
    }

    void send(AgentEvent e) {
        events.pipeInput(e.getAgentId().getBytes(), serializer.serialize(Topics.EVENTS, e));
    }

    void sendRaw(byte[] value) {
        events.pipeInput("k".getBytes(), value);
    }

    void tick(Duration d) {
        driver.advanceWallClockTime(d);
    }

    void tick() {
        tick(Duration.ofSeconds(1));
    }

    /**
     * No traffic for {@code d}: the wall clock moves in steps shorter than the future bound, so both
     * stages take the quiet for live idleness and follow the wall clock: windows close and coarse
     * windows are published, as for a fleet gone quiet.
     */
    void quietFor(Duration d) {
        for (Duration left = d; !left.isNegative() && !left.isZero(); left = left.minusMinutes(4)) {
            tick(left.compareTo(Duration.ofMinutes(4)) < 0 ? left : Duration.ofMinutes(4));
        }
        tick();
    }

    List<TestRecord<String, WindowRollup>> drainRollups() {
        return rollups.readRecordsToList();
    }

    double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
