package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.ProcessorService;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroSerializer;
import io.agentpulse.security.keys.ApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on a real broker and a real PostgreSQL: 20,000 events through the gateway and
 * 20,000 as Avro straight to Kafka must come out of /api/v1/summary exactly; bad records go to the
 * DLQ without stopping anything; retries and a full replay change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITPipelineEndToEnd {
    /** Made at test time: no key is ever committed. */
    static final String INGEST_KEY = ApiKeys.generate().token();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.now().minusSeconds(5);
    private static final PipelineFixture VIA_GATEWAY = new PipelineFixture("gw", 20_000, T0, 1);
    private static final PipelineFixture VIA_KAFKA = new PipelineFixture("kf", 20_000, T0, 2);

    @TempDir
    static Path dataDir;
    static AllInOne app;
    static JsonNode totalsBeforeReplay;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DATA_DIR", dataDir.toString());
        env.put("AGENTPULSE_DEMO", "false");
        QueryLogin.configure(env);
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY); // adopted by the gateway at start
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(60)).until(app::ready);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void fortyThousandEventsAreCountedExactly() throws Exception {
        List<AgentEvent> gw = VIA_GATEWAY.events;
        for (int i = 0; i < gw.size(); i += 500) {
            HttpResponse<String> resp = postEvents(gw.subList(i, Math.min(gw.size(), i + 500)));
            assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202);
            assertThat(JSON.readTree(resp.body()).path("accepted").asInt()).isEqualTo(Math.min(500, gw.size() - i));
        }
        try (KafkaProducer<String, AgentEvent> p = avroProducer()) {
            for (AgentEvent e : VIA_KAFKA.events) {
                p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e));
            }
        }
        JsonNode s = awaitCount(40_000);
        assertThat(s.path("errors").asLong()).isEqualTo(VIA_GATEWAY.errors + VIA_KAFKA.errors);
        assertThat(s.path("input_tokens").asLong()).isEqualTo(VIA_GATEWAY.inputTokens + VIA_KAFKA.inputTokens);
        assertThat(s.path("output_tokens").asLong()).isEqualTo(VIA_GATEWAY.outputTokens + VIA_KAFKA.outputTokens);
        assertThat(s.path("cost_usd").asDouble()).isCloseTo(VIA_GATEWAY.cost + VIA_KAFKA.cost, within(1e-6));
        double[] sorted = exactLatencies();
        for (String q : new String[] {"p50", "p95", "p99"}) {
            double exact = sorted[(int) (Double.parseDouble(q.substring(1)) / 100 * (sorted.length - 1))];
            assertThat(s.path("latency_ms").path(q).asDouble()).as(q).isCloseTo(exact, within(exact * 0.01));
        }
    }

    @Test
    @Order(2)
    void badRecordsGoToTheDlqAndTheEventsAfterThemAreCounted() throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(app.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.EVENTS, "e2e-agent-0".getBytes(), "this is not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        PipelineFixture after = new PipelineFixture("after-dlq", 10, T0, 3);
        try (KafkaProducer<String, AgentEvent> p = avroProducer()) {
            AgentEvent negative = AgentEvent.newBuilder(after.events.get(0)).setEventId("negative-latency").setLatencyMs(-5.0).build();
            p.send(new ProducerRecord<>(Topics.EVENTS, negative.getAgentId(), negative)).get();
            for (AgentEvent e : after.events) {
                p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e));
            }
        }
        awaitCount(40_010);
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(Topics.EVENTS_DLQ, 2);
        assertThat(dlq).hasSize(2);
        assertThat(new String(dlq.get(0).headers().lastHeader(Topics.DLQ_REASON).value())).isEqualTo("not-avro");
        assertThat(new String(dlq.get(0).value())).isEqualTo("this is not avro");
        assertThat(new String(dlq.get(1).headers().lastHeader(Topics.DLQ_REASON).value())).contains("latency");
        totalsBeforeReplay = summary();
    }

    @Test
    @Order(3)
    void retriedBatchesAndAFullReplayChangeNothing() throws Exception {
        List<AgentEvent> retried = VIA_GATEWAY.events.subList(5_000, 6_000);
        for (int i = 0; i < retried.size(); i += 500) {
            assertThat(postEvents(retried.subList(i, i + 500)).statusCode()).isEqualTo(202);
        }
        // A second processor with a fresh application id reads the events topic from the start,
        // rebuilds every window from scratch and writes everything again through the sink.
        Map<String, String> env = new HashMap<>(app.serviceEnv());
        env.put("AGENTPULSE_PROCESSOR_APPLICATION_ID", "replay-" + UUID.randomUUID());
        env.put("AGENTPULSE_PROCESSOR_STATE_DIR", dataDir.resolve("replay-state").toString());
        String appId = env.get("AGENTPULSE_PROCESSOR_APPLICATION_ID");
        try (ProcessorService replay = ProcessorService.start(ProcessorConfig.fromEnv(env),
                app.registryClient(), app.postgres().dataSource(), app.metrics())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> replay.ready() && hasNoLag(appId, Topics.EVENTS)
                    && hasNoLag("agentpulse-sink", Topics.ROLLUPS));
            // Live snapshots of the replayed windows keep coming for a while; none may change a total.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> summary().equals(totalsBeforeReplay));
        }
        assertThat(summary()).isEqualTo(totalsBeforeReplay);
        try (Connection c = app.postgres().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM agent_events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(40_010);
        }
    }

    /**
     * Windows by completion time, end to end: a 10-minute run and a 3-minute call count in the minute
     * they ended (not the one they started), an event 40 minutes late still counts in its own window,
     * and one beyond the lateness bound (1 h) goes to the DLQ as too-old; the summary and SSE agree.
     */
    @Test
    @Order(4)
    void slowAndLateCallsCountInTheWindowOfTheirEnd() throws Exception {
        Instant now = Instant.now();
        long minute = Math.floorDiv(now.toEpochMilli(), 60_000L) * 60_000L;
        AgentEvent base = VIA_KAFKA.events.get(0);
        AgentEvent run = slow(base, "run", now.minusSeconds(600), 600_000.0);
        AgentEvent call = slow(base, "call", now.minusSeconds(180), 180_000.0);
        AgentEvent late = slow(base, "late", now.minusSeconds(40 * 60), 100.0);
        AgentEvent tooOld = slow(base, "too-old", now.minusSeconds(2 * 3600), 100.0);
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> sse = HTTP.sendAsync(
                QueryLogin.get(HTTP, app.queryUrl(), "/api/v1/stream?grp=agent").build(), HttpResponse.BodyHandlers.ofLines());
        List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        sse.thenAccept(r -> r.body().filter(l -> l.contains("\"slow-agent\"")).forEach(frames::add));
        try (KafkaProducer<String, AgentEvent> p = avroProducer()) {
            for (AgentEvent e : List.of(run, call, late, tooOld)) {
                p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e)).get();
            }
        }
        long end = now.toEpochMilli();
        try { // a summary counts the windows that start in its range: the minute of the end
            await().atMost(Duration.ofSeconds(60)).until(() -> slowSummary(minute, minute + 60_000).path("count").asLong() == 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("at the end: " + slowSummary(minute, minute + 60_000) + "; over 3 h: "
                    + slowSummary(end - 3 * 3600_000L, end + 60_000) + "; DLQ: " + readAll(Topics.EVENTS_DLQ, 2).stream()
                    .map(r -> new String(r.headers().lastHeader(Topics.DLQ_DETAIL).value())).toList(), e);
        }
        long runStart = Math.floorDiv(run.getEventTime().toEpochMilli(), 60_000L) * 60_000L;
        assertThat(slowSummary(runStart, runStart + 60_000).path("count").asLong()).as("not where the run started").isZero();
        long lateMinute = Math.floorDiv(late.getEventTime().toEpochMilli() + 100, 60_000L) * 60_000L;
        await().atMost(Duration.ofSeconds(30)).until(() -> slowSummary(lateMinute, lateMinute + 60_000).path("count").asLong() == 1);
        assertThat(slowSummary(end - 3 * 3600_000L, end + 60_000).path("count").asLong()).isEqualTo(3);
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(Topics.EVENTS_DLQ, 3);
        assertThat(dlq).extracting(r -> new String(r.headers().lastHeader(Topics.DLQ_REASON).value())).contains("too-old");
        await().atMost(Duration.ofSeconds(30)).until(() -> frames.stream()
                .anyMatch(f -> f.contains("\"window_start\":" + minute) && f.contains("\"count\":2")));
        sse.cancel(true);
    }

    private static AgentEvent slow(AgentEvent base, String id, Instant start, double latencyMs) {
        return AgentEvent.newBuilder(base).setEventId("slow-" + id + "-" + UUID.randomUUID()).setAgentId("slow-agent")
                .setEventTime(start).setLatencyMs(latencyMs).build();
    }

    private static JsonNode slowSummary(long from, long to) throws Exception {
        String path = "/api/v1/summary?agent=slow-agent&from=" + from + "&to=" + to;
        HttpResponse<String> r = HTTP.send(QueryLogin.get(HTTP, app.queryUrl(), path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** True when {@code group} has committed offsets on every partition of {@code topic} up to its end. */
    private static boolean hasNoLag(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", app.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            var endOffsets = admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            for (var e : endOffsets.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                // the last offset of a transactional partition is a commit marker the group never reads past
                if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset() - 1)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static double[] exactLatencies() {
        List<AgentEvent> all = new ArrayList<>(VIA_GATEWAY.events);
        all.addAll(VIA_KAFKA.events);
        return all.stream().mapToDouble(AgentEvent::getLatencyMs).sorted().toArray();
    }

    private static JsonNode awaitCount(long expected) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(ITPipelineEndToEnd::summary, s -> s.path("count").asLong() == expected);
    }

    private static JsonNode summary() throws Exception {
        String url = app.queryUrl() + "/api/v1/summary?from=" + T0.minusSeconds(60).toEpochMilli()
                + "&to=" + T0.plusSeconds(120).toEpochMilli();
        HttpResponse<String> r = HTTP.send(QueryLogin.get(HTTP, app.queryUrl(), url.substring(app.queryUrl().length())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> postEvents(List<AgentEvent> batch) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.gatewayUrl() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(PipelineFixture.json(batch))).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, AgentEvent> avroProducer() {
        return new KafkaProducer<>(app.producerProps(), new StringSerializer(), new AvroSerializer<AgentEvent>(app.registryClient()));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> props = Map.of("bootstrap.servers", app.bootstrapServers(), "group.id", "e2e-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= atLeast;
            });
        }
        out.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return out;
    }
}
