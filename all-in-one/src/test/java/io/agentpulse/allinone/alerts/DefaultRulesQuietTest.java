package io.agentpulse.allinone.alerts;

import io.agentpulse.contract.rule.AlertRule;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.allinone.demo.DemoFleet;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.alert.AlertConfig;
import io.agentpulse.processor.alert.AlertTopology;
import io.agentpulse.processor.alert.DefaultRules;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The default rule pack stays quiet on a healthy fleet: the demo fleet (50 agents, 1 call/s each,
 * deterministic by seed and time) through the processor's whole topology for 10 simulated minutes.
 */
class DefaultRulesQuietTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aHealthyFleetRaisesNoAlertFromTheDefaultPackIn10Minutes() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "default-rules-quiet");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("quiet-ttd").toString());
        // In-memory stores: TopologyTestDriver commits after every record, and a RocksDB store then writes its
        // checkpoint each time (30,000 events: ~10 minutes on a busy disk instead of seconds). Same topology.
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "memory",
                "AGENTPULSE_PROCESSOR_ROLLUP_STORE", "memory"));
        try (TopologyTestDriver driver = new TopologyTestDriver(PulseTopology.build(config, registry, new PulseMetrics(meters),
                (b, rollups) -> AlertTopology.add(b, rollups, AlertConfig.defaults(), registry, meters)), p, T0)) {
            TestInputTopic<String, String> rules = driver.createInputTopic(Topics.ALERT_RULES, new StringSerializer(), new StringSerializer());
            List<AlertRule> pack = DefaultRules.load().rules();
            pack.forEach(r -> rules.pipeInput(r.id(), r.toJson()));
            TestInputTopic<byte[], byte[]> events = driver.createInputTopic(Topics.EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<String, AlertEvent> alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(),
                    new AvroDeserializer<>(registry, AlertEvent.class));
            AvroSerializer<AgentEvent> serializer = new AvroSerializer<>(registry);
            DemoFleet fleet = new DemoFleet(50, 1.0, 42, T0);
            List<AlertEvent> seen = new ArrayList<>();
            long sent = 0;
            for (int s = 1; s <= 600; s++) {
                Instant now = T0.plusSeconds(s);
                for (AgentEvent e : fleet.tick(now)) {
                    events.pipeInput(e.getAgentId().getBytes(), serializer.serialize(Topics.EVENTS, e));
                    sent++;
                }
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                seen.addAll(alerts.readValuesToList());
            }
            assertThat(pack).hasSizeGreaterThanOrEqualTo(8);
            assertThat(sent).isGreaterThan(25_000);
            assertThat(meters.counter("agentpulse_alert_rules_invalid_total").count()).isZero();
            assertThat(seen).as("alerts from a healthy fleet").isEmpty();
        }
    }
}
