package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.embedded.KafkaOptions;
import io.agentpulse.embedded.KafkaSasl;
import io.agentpulse.embedded.tls.TestCa;
import io.agentpulse.ops.ConfigException;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.ProcessorService;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.security.keys.ApiKeys;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product against a broker that only speaks SASL_SSL (SCRAM-SHA-512 over TLS, certificates
 * made here by a test CA), configured only through the AGENTPULSE_KAFKA_* settings a deployment sets:
 * events through the gateway reach /api/v1/summary; a rule saved through the query API (its rule
 * publisher) fires; alert history is written, the alert list shows it, acknowledge works and the
 * notifier calls a local webhook. A wrong password stops a service's start within the check's bound
 * with a sentence naming AGENTPULSE_KAFKA_SASL_JAAS_CONFIG and without the password; a trust store
 * without the broker's CA, with one naming AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITSecuredKafka {
    static final String INGEST_KEY = ApiKeys.generate().token();
    /** Made at test time, like the certificates: nothing secret is committed. */
    static final String SERVICE_PASSWORD = "svc-" + Long.toHexString(System.nanoTime());
    static final String RULE = """
            {"id":"sec-p95","name":"secured p95","metric":"latency_p95","group":"agent","selector":{"agent":"sec-agent-*"},
             "comparator":">","critical":1000,"min_samples":5,"range":"PT1S","for":"PT0S","keep_firing_for":"PT0S",
             "summary":"p95 of {{agent}} is {{value}} ms"}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> HOOKS = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;
    static AllInOne app;
    static HttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        TestCa ca = TestCa.create(dir, "kafka-it-ca");
        Path keyStore = ca.issueServer(dir, "broker").keyStore(dir.resolve("broker.p12"), "broker-store");
        Path trustStore = ca.trustStore(dir.resolve("trust.p12"), "trust-store");
        KafkaSasl sasl = new KafkaSasl(keyStore, "broker-store", trustStore, "trust-store", "broker",
                "broker-" + Long.toHexString(System.nanoTime()), Map.of("agentpulse", SERVICE_PASSWORD));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            HOOKS.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DATA_DIR", dir.resolve("data").toString());
        env.put("AGENTPULSE_DEMO", "false");
        QueryLogin.configure(env);
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY);
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        // Fast alerting, as ITAlerting runs it; the webhook is the default notification channel.
        env.putAll(Map.of("AGENTPULSE_NOTIFIER_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "AGENTPULSE_PROCESSOR_EMIT_INTERVAL", "PT0.25S", "AGENTPULSE_ALERTS_EVAL_INTERVAL", "PT0.5S",
                "AGENTPULSE_PROCESSOR_COMMIT_INTERVAL", "PT0.1S"));
        // What a deployment against a secured cluster sets (deploy/k8s/configmap.yaml has the same names).
        env.putAll(Map.of("AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "AGENTPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "AGENTPULSE_KAFKA_SASL_JAAS_CONFIG", KafkaSasl.jaas("agentpulse", SERVICE_PASSWORD),
                "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", trustStore.toString(),
                "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-store",
                "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"));
        app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC(), KafkaOptions.defaults().withSaslSsl(sasl));
        await().atMost(Duration.ofSeconds(90)).until(app::ready);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void eventsThroughTheGatewayAreCounted() throws Exception {
        Instant t0 = Instant.now().minusSeconds(5);
        PipelineFixture events = new PipelineFixture("sec", 500, t0, 7);
        assertThat(post(events.events).statusCode()).isEqualTo(202);
        String path = "/api/v1/summary?from=" + t0.minusSeconds(60).toEpochMilli() + "&to=" + t0.plusSeconds(120).toEpochMilli();
        JsonNode s = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(path), n -> n.path("count").asLong() == 500);
        assertThat(s.path("errors").asLong()).isEqualTo(events.errors);
    }

    @Test
    @Order(2)
    void aRuleSavedThroughTheApiFiresIsWrittenListedAcknowledgedAndNotified() throws Exception {
        HttpResponse<String> saved = QueryLogin.write(HTTP, app.queryUrl(), "POST", "/api/v1/alert-rules", RULE);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleAtFixedRate(ITSecuredKafka::slowCalls, 0, 250, TimeUnit.MILLISECONDS);
        try {
            JsonNode firing = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> firing("sec-p95"), f -> f != null);
            String fp = firing.path("fingerprint").asText();
            assertThat(query("SELECT state FROM alert_history WHERE fingerprint = '" + fp + "' LIMIT 1")).isEqualTo("FIRING");
            await().atMost(Duration.ofSeconds(30)).until(() -> HOOKS.stream().anyMatch(h -> h.contains(fp)));
            HttpResponse<String> ack = QueryLogin.write(HTTP, app.queryUrl(), "POST", "/api/v1/alerts/" + fp + "/ack",
                    "{\"comment\":\"secured\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(query("SELECT comment FROM alert_acks WHERE fingerprint = '" + fp + "'")).isEqualTo("secured");
        } finally {
            traffic.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aWrongPasswordStopsTheStartWithASentenceNamingTheSetting() throws Exception {
        Map<String, String> wrong = new HashMap<>(app.serviceEnv());
        wrong.put("AGENTPULSE_KAFKA_SASL_JAAS_CONFIG", KafkaSasl.jaas("agentpulse", "not-the-password-42"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> ProcessorService.start(ProcessorConfig.fromEnv(wrong),
                app.registryClient(), app.postgres().dataSource(), app.metrics()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refused the login set by AGENTPULSE_KAFKA_SASL_JAAS_CONFIG")
                .hasMessageContaining("check the user name and password in AGENTPULSE_KAFKA_SASL_JAAS_CONFIG")
                .hasMessageNotContaining("not-the-password-42");
        Vertx vertx = Vertx.vertx();
        try {
            assertThatThrownBy(() -> QueryApiServer.start(vertx, QueryConfig.fromEnv(wrong), app.metrics())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConfigException.class)
                    .hasMessageContaining("AGENTPULSE_KAFKA_SASL_JAAS_CONFIG").hasMessageNotContaining("not-the-password-42");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // Both checks together, within the start check's bound (15 s each) and far from any hang.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void aTrustStoreWithoutTheBrokersCaStopsTheStartWithASentenceNamingIt() {
        Path otherTrust = TestCa.create(dir, "other-ca").trustStore(dir.resolve("other-trust.p12"), "trust-store");
        Map<String, String> wrong = new HashMap<>(app.serviceEnv());
        wrong.put("AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", otherTrust.toString());
        assertThatThrownBy(() -> ProcessorService.start(ProcessorConfig.fromEnv(wrong),
                app.registryClient(), app.postgres().dataSource(), app.metrics()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("The TLS handshake with Kafka at " + app.bootstrapServers() + " failed")
                .hasMessageContaining("check that AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION holds the CA");
    }

    /** Ten calls of 3 s for sec-agent-1, timed now: its p95 exceeds the rule's 1000 ms. */
    private static void slowCalls() {
        try {
            List<AgentEvent> batch = new PipelineFixture("slow-" + System.nanoTime(), 10, Instant.now(), 1).events;
            batch.forEach(e -> {
                e.setAgentId("sec-agent-1");
                e.setLatencyMs(3_000.0);
            });
            post(batch);
        } catch (Exception e) {
            // the next tick sends again; the test's await reports what never happened
        }
    }

    private static JsonNode firing(String ruleId) throws Exception {
        for (JsonNode a : get("/api/v1/alerts").path("firing")) {
            if (ruleId.equals(a.path("rule_id").asText())) {
                return a;
            }
        }
        return null;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(QueryLogin.get(HTTP, app.queryUrl(), path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(List<AgentEvent> batch) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.gatewayUrl() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(PipelineFixture.json(batch))).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String sql) throws Exception {
        try (Connection c = app.postgres().dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
