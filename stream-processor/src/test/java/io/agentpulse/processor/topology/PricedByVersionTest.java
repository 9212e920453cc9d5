package io.agentpulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.pricing.PriceBook;
import io.agentpulse.processor.pricing.PriceVersion;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Stage 1 prices an event by the version in force at its event_time and says which one, in a header. */
class PricedByVersionTest {
    private static final long T0 = Harness.T0;
    private static final long MIN = 60_000L;

    private static PriceVersion version(String pattern, long from, double input, double output) {
        Instant at = Instant.ofEpochMilli(from);
        return new PriceVersion(PriceVersion.idOf(pattern, at), pattern, at, input, input, output, output, "admin", null, "test");
    }

    @Test
    void eachEventIsPricedByTheVersionInForceAtItsTimeAndANewVersionAppliesWithoutARestart() throws Exception {
        PriceVersion v1 = version("m", T0 - 30 * 24 * 60 * MIN, 1.0, 2.0);
        PriceVersion v2 = version("m", T0 + 30 * MIN, 10.0, 20.0);
        AtomicReference<PriceBook> book = new AtomicReference<>(new PriceBook(List.of(v1, v2)));
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "memory",
                "AGENTPULSE_PROCESSOR_ROLLUP_STORE", "memory"));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("pulse-ttd").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(PulseTopology.build(config, registry,
                new PulseMetrics(new SimpleMeterRegistry()), book::get, (b, r) -> { }), p, Instant.ofEpochMilli(T0 + 50 * MIN))) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(Topics.EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<String, AgentEvent> out = driver.createOutputTopic(Topics.EVENTS_ENRICHED, new StringDeserializer(),
                    new AvroDeserializer<>(registry, AgentEvent.class));
            AvroSerializer<AgentEvent> ser = new AvroSerializer<>(registry);
            // sent out of time order: the version follows the event's time, not the order it is processed in
            for (Object[] e : new Object[][] {{"late-v2", 31 * MIN}, {"early-v1", 29 * MIN}, {"agent-priced", 32 * MIN}}) {
                AgentEvent.Builder b = event((String) e[0], (Long) e[1]);
                if (e[0].equals("agent-priced")) {
                    b.setCostUsd(0.5);
                }
                in.pipeInput(null, ser.serialize(Topics.EVENTS, b.build()));
            }
            book.set(new PriceBook(List.of(v1, v2, version("m", T0 + 40 * MIN, 100.0, 200.0)))); // an admin adds a version
            in.pipeInput(null, ser.serialize(Topics.EVENTS, event("after-v3", 41 * MIN).build()));

            List<TestRecord<String, AgentEvent>> records = new ArrayList<>(out.readRecordsToList());
            assertThat(records).extracting(TestRecord::key).containsExactly("late-v2", "early-v1", "agent-priced", "after-v3");
            // 1M input and 1M output tokens: cost = input price + output price
            assertPriced(records.get(0), v2.id(), 30.0);
            assertPriced(records.get(1), v1.id(), 3.0);
            assertThat(header(records.get(2), "agentpulse.cost_source")).isEqualTo("event");
            assertThat(header(records.get(2), "agentpulse.price_version")).isNull();
            assertPriced(records.get(3), "m@" + Instant.ofEpochMilli(T0 + 40 * MIN), 300.0);
        }
    }

    private static AgentEvent.Builder event(String id, long offset) {
        return AgentEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(T0 + offset)).setAgentId("a")
                .setModel("m").setOperation("chat").setStatus(Status.OK).setLatencyMs(100.0)
                .setInputTokens(1_000_000L).setOutputTokens(1_000_000L).setCostUsd(null);
    }

    private static void assertPriced(TestRecord<String, AgentEvent> r, String version, double cost) {
        assertThat(header(r, "agentpulse.cost_source")).isEqualTo("catalog");
        assertThat(header(r, "agentpulse.price_version")).isEqualTo(version);
        assertThat(Double.parseDouble(header(r, "agentpulse.cost_usd"))).isCloseTo(cost, within(1e-9));
    }

    private static String header(TestRecord<String, AgentEvent> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
