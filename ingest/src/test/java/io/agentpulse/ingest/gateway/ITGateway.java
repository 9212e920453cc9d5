package io.agentpulse.ingest.gateway;

import io.agentpulse.contract.registry.RegistrySettings;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.embedded.EmbeddedKafka;
import io.agentpulse.ingest.json.EventJson;
import io.agentpulse.ingest.json.EventRules;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.TopicSpecs;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway end to end on a real broker and our real registry server: JSON in, Confluent-framed
 * Avro on agentpulse.events out; a dead broker means 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITGateway {
    static final Instant NOW = Instant.now();
    static SchemaRegistryClient REGISTRY;

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;
    static KafkaEventPublisher publisher;
    static Vertx vertx;
    static GatewayServer server;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
        vertx = Vertx.vertx();
        RegistryServer registryServer = RegistryServer.start(vertx, 0, dataDir.resolve("registry"))
                .toCompletionStage().toCompletableFuture().join();
        REGISTRY = HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://127.0.0.1:" + registryServer.port())));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSpecs.ensure(admin, 3, (short) 1);
        }
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "AGENTPULSE_GATEWAY_SEND_TIMEOUT", "3s"));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        publisher = KafkaEventPublisher.create(config.kafka(), config.sendTimeout(), REGISTRY, metrics);
        TestKeys keys = new TestKeys(Clock.fixed(NOW, ZoneOffset.UTC));
        token = keys.ingest();
        server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher, keys.store, metrics,
                Clock.fixed(NOW, ZoneOffset.UTC)).toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", TestKeys.bearer(token));
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String event(int i) {
        return "{\"event_id\":\"it-" + i + "\",\"agent_id\":\"agent-" + (i % 4) + "\",\"event_time\":"
                + (NOW.toEpochMilli() - i) + ",\"model\":\"gpt-4o\",\"operation\":\"chat\",\"latency_ms\":" + (100 + i)
                + ",\"input_tokens\":" + (10 * i) + ",\"output_tokens\":5,\"status\":\"" + (i % 5 == 0 ? "error" : "ok")
                + "\",\"attributes\":{\"i\":\"" + i + "\"}}";
    }

    @Test
    @Order(1)
    void postedEventsAreOnTheEventsTopicAsAvro() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", "/readyz", null).statusCode() == 200);
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jsons.add(event(i));
        }
        HttpResponse<String> r = send("POST", "/v1/events", "[" + String.join(",", jsons)
                + ",{\"event_id\":\"bad\",\"agent_id\":\"a\",\"event_time\":1}]");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getInteger("accepted")).isEqualTo(20);
        assertThat(body.getJsonArray("rejected").getJsonObject(0).getInteger("index")).isEqualTo(20);
        assertThat(send("GET", "/metrics", null).body())
                .contains("agentpulse_gateway_events_accepted_total 20.0")
                .contains("kafka_producer_record_send_total");

        EventRules rules = EventRules.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, AgentEvent> expected = new HashMap<>();
        for (String json : jsons) {
            AgentEvent e = EventJson.parseEvent(json, rules);
            expected.put(e.getEventId(), e);
        }
        Map<String, ConsumerRecord<String, AgentEvent>> got = consumeAll(20);
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        got.forEach((id, rec) -> {
            assertThat(rec.value()).isEqualTo(expected.get(id));
            assertThat(rec.key()).isEqualTo(rec.value().getAgentId());
        });
    }

    @Test
    @Order(2)
    void aStoppedBrokerMeans503WithRetryAfterNeverA202() throws Exception {
        kafka.stop();
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            HttpResponse<String> r = send("POST", "/v1/events", "[" + event(100 + attempt) + "]");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(new JsonObject(r.body()).getInteger("accepted")).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        kafka.restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> send("POST", "/v1/events", "[" + event(200) + "]").statusCode() == 202);
    }

    static Map<String, ConsumerRecord<String, AgentEvent>> consumeAll(int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Map<String, ConsumerRecord<String, AgentEvent>> got = new HashMap<>();
        try (KafkaConsumer<String, AgentEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new AvroDeserializer<>(REGISTRY, AgentEvent.class))) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(rec -> got.put(rec.value().getEventId(), rec));
                return got.size() >= count;
            });
        }
        return got;
    }
}
