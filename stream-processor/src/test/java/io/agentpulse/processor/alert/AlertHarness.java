package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.topology.PulseMetrics;
import io.agentpulse.processor.topology.PulseTopology;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The processor's whole topology (pulse + alert sub-topology) in a TopologyTestDriver, with
 * simulated time: {@link #advance} moves the wall clock (punctuators) in steps, event times follow it.
 */
final class AlertHarness implements AutoCloseable {
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> rules;
    final TestOutputTopic<String, AlertEvent> alerts;
    private final TestInputTopic<byte[], byte[]> events;
    private final AvroSerializer<AgentEvent> serializer = new AvroSerializer<>(registry);
    private final List<AlertEvent> seen = new ArrayList<>();
    long now = T0;

    AlertHarness() throws Exception {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "memory",
                "AGENTPULSE_PROCESSOR_ROLLUP_STORE", "memory"));
        AlertConfig alertConfig = AlertConfig.defaults();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-test-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("alert-ttd").toString());
        driver = new TopologyTestDriver(PulseTopology.build(config, registry, new PulseMetrics(meters),
                (b, rollups) -> AlertTopology.add(b, rollups, alertConfig, registry, meters)), p, Instant.ofEpochMilli(T0));
        events = driver.createInputTopic(Topics.EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
        rules = driver.createInputTopic(Topics.ALERT_RULES, new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new AvroDeserializer<>(registry, AlertEvent.class));
    }

    void rule(String json) {
        AlertRule r = AlertRule.parse(json);
        rules.pipeInput(r.id(), json);
    }

    void deleteRule(String id) {
        rules.pipeInput(id, (String) null);
    }

    void send(AgentEvent e) {
        events.pipeInput(e.getAgentId().getBytes(), serializer.serialize(Topics.EVENTS, e));
    }

    /** Advances simulated time by {@code d} in 1 s steps, sending {@code perSecond} events per step from {@code source}. */
    void advance(Duration d, EventSource source) {
        for (long t = 0; t < d.toMillis(); t += 1000) {
            source.emit(now, this);
            now += 1000;
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    /** Every alert event so far (drains the output topic). */
    List<AlertEvent> alerts() {
        seen.addAll(alerts.readValuesToList());
        return seen;
    }

    interface EventSource {
        void emit(long at, AlertHarness h);
    }

    static EventSource agent(String agent, int perSecond, double latencyMs, double errorShare) {
        return agent(agent, null, perSecond, latencyMs, errorShare);
    }

    /** As above, every event in {@code environment} (null: none). */
    static EventSource agent(String agent, String environment, int perSecond, double latencyMs, double errorShare) {
        return (at, h) -> {
            for (int i = 0; i < perSecond; i++) {
                boolean err = i < Math.round(perSecond * errorShare);
                h.send(AgentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(Instant.ofEpochMilli(at + i))
                        .setAgentId(agent).setModel("gpt-4o").setOperation("chat").setStatus(err ? Status.ERROR : Status.OK)
                        .setLatencyMs(latencyMs * (0.9 + 0.2 * i / perSecond)).setTtftMs(latencyMs / 4)
                        .setInputTokens(100L).setOutputTokens(50L).setCostUsd(0.001).setEnvironment(environment).build());
            }
        };
    }

    static EventSource both(EventSource a, EventSource b) {
        return (at, h) -> {
            a.emit(at, h);
            b.emit(at, h);
        };
    }

    static EventSource silence() {
        return (at, h) -> { };
    }

    @Override
    public void close() {
        driver.close();
    }
}
