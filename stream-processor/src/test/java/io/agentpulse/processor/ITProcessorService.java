package io.agentpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.Topics;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real broker and PostgreSQL: events in, rollup_1m and agent_events out; a restart
 * (state restored) keeps counting without double counting; a full replay (new application id, new
 * sink group) leaves the totals unchanged.
 */
class ITProcessorService {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private EmbeddedInfra infra;
    private DataSource db;
    private Path stateDir;
    private final List<AgentEvent> sent = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        infra = EmbeddedInfra.shared();
        infra.recreateTopics(3, Topics.EVENTS, Topics.EVENTS_DLQ, Topics.EVENTS_ENRICHED, Topics.ROLLUPS);
        db = infra.freshDatabase("processor_it").dataSource();
        stateDir = Files.createTempDirectory("processor-it");
    }

    @AfterEach
    void tearDown() {
        sent.clear();
    }

    private ProcessorConfig config(String appId, String sinkGroup) {
        return ProcessorConfig.fromEnv(Map.of(
                "AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(),
                "AGENTPULSE_PROCESSOR_APPLICATION_ID", appId,
                "AGENTPULSE_PROCESSOR_STATE_DIR", stateDir.resolve(appId).toString(),
                "AGENTPULSE_PROCESSOR_GRACE", "PT10M", // nothing closes or turns late during the test
                "AGENTPULSE_PROCESSOR_EMIT_INTERVAL", "PT0.2S",
                "AGENTPULSE_KAFKA_PARTITIONS", "3",
                "AGENTPULSE_SINK_GROUP_ID", sinkGroup));
    }

    @Test
    void rollupsAndEventsReachPostgresAndReplaysChangeNothing() throws Exception {
        PrometheusMeterRegistry m1 = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessorService s1 = ProcessorService.start(config("pulse-it", "sink-it"), registry, db, m1);
        await().atMost(Duration.ofSeconds(60)).until(s1::ready);
        produce(0, 300);
        produceGarbage();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sum("SELECT coalesce(sum(count),0) FROM rollup_1m WHERE grp = 'all'")).isEqualTo(300);
            assertThat(sum("SELECT count(*) FROM agent_events")).isEqualTo(300);
        });
        assertThat(m1.find("agentpulse.processor.events.dlq").tag("reason", "not-avro").counter().count()).isEqualTo(1.0);
        s1.close();

        // restart: same application id and state dir; resent old ids are duplicates, new ones count
        PrometheusMeterRegistry m2 = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessorService s2 = ProcessorService.start(config("pulse-it", "sink-it"), registry, db, m2);
        resend(sent.subList(0, 20));
        produce(300, 100);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(sum("SELECT coalesce(sum(count),0) FROM rollup_1m WHERE grp = 'all'")).isEqualTo(400);
            assertThat(sum("SELECT coalesce(sum(count),0) FROM rollup_1m WHERE grp = 'series'")).isEqualTo(400);
            assertThat(sum("SELECT count(*) FROM agent_events")).isEqualTo(400);
        });
        assertThat(m2.find("agentpulse.processor.events.duplicates").counter().count()).isEqualTo(20.0);
        s2.close();

        // replay: a new application reprocesses the whole events topic; a new sink group re-reads all
        PrometheusMeterRegistry m3 = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Instant replayStart = Instant.now();
        ProcessorService s3 = ProcessorService.start(config("pulse-it-replay", "sink-it-replay"), registry, db, m3);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    m3.find("agentpulse.processor.events.accepted").counter().count() == 400.0
                            && sum("SELECT count(*) FROM rollup_1m WHERE updated_at >= '" + replayStart + "'") > 0);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(sum("SELECT coalesce(sum(count),0) FROM rollup_1m WHERE grp = 'all'")).isEqualTo(400);
                assertThat(sum("SELECT count(*) FROM agent_events")).isEqualTo(400);
            });
        } finally {
            s3.close();
        }
    }

    private void produce(int from, int n) {
        Random rnd = new Random(from);
        long base = Instant.now().minusSeconds(60).toEpochMilli();
        List<AgentEvent> batch = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            batch.add(AgentEvent.newBuilder().setEventId("it-" + i).setEventTime(Instant.ofEpochMilli(base + rnd.nextInt(50_000)))
                    .setAgentId("agent-" + (i % 7)).setModel(i % 2 == 0 ? "gpt-4o" : "claude-sonnet-4").setOperation("chat")
                    .setStatus(i % 10 == 0 ? Status.ERROR : Status.OK).setLatencyMs(50.0 + rnd.nextInt(500))
                    .setInputTokens(100L).setOutputTokens(20L).build());
        }
        resend(batch);
        sent.addAll(batch);
    }

    private void resend(List<AgentEvent> events) {
        try (KafkaProducer<String, AgentEvent> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()), new StringSerializer(), new AvroSerializer<>(registry))) {
            events.forEach(e -> p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e)));
        }
    }

    private void produceGarbage() {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.EVENTS, "x".getBytes(), "not avro at all".getBytes()));
        }
    }

    private long sum(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
