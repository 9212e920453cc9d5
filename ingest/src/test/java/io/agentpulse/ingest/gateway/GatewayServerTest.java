package io.agentpulse.ingest.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of POST /v1/events on a real Vert.x server (port 0) with the in-memory publisher. */
class GatewayServerTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final long MAX_BODY = 4096;

    Vertx vertx;
    InMemoryEventPublisher publisher;
    PrometheusMeterRegistry registry;
    GatewayServer server;
    TestKeys keys;
    String token;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        publisher = new InMemoryEventPublisher();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_GATEWAY_MAX_BODY_BYTES", Long.toString(MAX_BODY),
                "AGENTPULSE_GATEWAY_RETRY_AFTER_SECONDS", "7"));
        keys = new TestKeys(Clock.fixed(NOW, ZoneOffset.UTC));
        token = keys.ingest();
        server = start(config);
    }

    GatewayServer start(GatewayConfig config) {
        return GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher, keys.store, registry,
                Clock.fixed(NOW, ZoneOffset.UTC)).toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static String event(String id, String agent, String extra) {
        return "{\"event_id\":\"" + id + "\",\"agent_id\":\"" + agent + "\",\"event_time\":\"" + NOW + "\"" + extra + "}";
    }

    HttpResponse<String> post(String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", TestKeys.bearer(token));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String json) throws Exception {
        return post("application/json", json.getBytes(UTF_8));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void validBatchIsAcceptedAndPublishedKeyedByAgent() throws Exception {
        HttpResponse<String> r = postJson("[" + event("e1", "a1", "") + "," + event("e2", "a2", "") + ","
                + event("e1", "a1", "") + "]");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject("{\"accepted\":3,\"rejected\":[]}"));
        assertThat(publisher.records()).extracting(Map.Entry::getKey).containsExactly("a1", "a2", "a1");
        assertThat(publisher.events()).extracting(AgentEvent::getEventId).containsExactly("e1", "e2", "e1");
    }

    @Test
    void partialSuccessListsTheInvalidAndAcceptsTheRest() throws Exception {
        HttpResponse<String> r = postJson("[" + event("e1", "a1", ",\"latency_ms\":-1") + ","
                + event("e2", "a1", ",\"unknown\":1") + "]");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject(
                "{\"accepted\":1,\"rejected\":[{\"index\":0,\"field\":\"latency_ms\",\"reason\":\"must be >= 0\"}]}"));
        assertThat(publisher.events()).extracting(AgentEvent::getEventId).containsExactly("e2");
    }

    @Test
    void allInvalidIs400WithTheSameShape() throws Exception {
        HttpResponse<String> r = postJson("[" + event("e1", "a1", ",\"input_tokens\":\"many\"") + "]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject("{\"accepted\":0,\"rejected\":[{\"index\":0,"
                + "\"field\":\"input_tokens\",\"reason\":\"must be an integer, not a string\"}]}"));
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void malformedJsonIs400NamingLineAndColumn() throws Exception {
        HttpResponse<String> r = postJson("[\n" + event("e1", "a1", "") + ",\n{\"event_id\" \"x\"}]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).contains("malformed JSON").contains("line 3, column 13");
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void ndjsonAndGzipAreRead() throws Exception {
        String nd = event("e1", "a1", "") + "\n" + event("e2", "a1", "") + "\n";
        assertThat(post("application/x-ndjson", nd.getBytes(UTF_8)).statusCode()).isEqualTo(202);
        HttpResponse<String> r = post("application/json; charset=utf-8", gzip("[" + event("e3", "a1", "") + "]"),
                "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(publisher.events()).extracting(AgentEvent::getEventId).containsExactly("e1", "e2", "e3");
    }

    @Test
    void bodiesOverTheLimitAre413OnTheWireAndAfterGunzip() throws Exception {
        String big = "[" + event("e1", "a1", ",\"model\":\"" + "m".repeat((int) MAX_BODY) + "\"") + "]";
        HttpResponse<String> wire = postJson(big);
        assertThat(wire.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(wire.body()).getString("error")).contains("limit of 4096 bytes");
        byte[] bomb = gzip(" ".repeat(1_000_000) + "[]");
        assertThat(bomb.length).isLessThan((int) MAX_BODY);
        HttpResponse<String> inflated = post("application/json", bomb, "Content-Encoding", "gzip");
        assertThat(inflated.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(inflated.body()).getString("error")).contains("after gunzip");
        assertThat(post("application/json", "not gzip".getBytes(UTF_8), "Content-Encoding", "gzip").statusCode())
                .isEqualTo(400);
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBody() throws Exception {
        String batch = "[" + event("e1", "a1", ",\"model\":\"" + "m".repeat(200) + "\"") + "]";
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/events"))
                .version(HttpClient.Version.HTTP_1_1).expectContinue(true).header("Content-Type", "application/json")
                .header("Authorization", TestKeys.bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(202);
        // The JDK client cannot take a final answer instead of "100 Continue": speak HTTP/1.1 directly.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Length: " + (MAX_BODY + 1) + "\r\nExpect: 100-continue\r\n\r\n").getBytes(UTF_8));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), UTF_8))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
        assertThat(publisher.events()).hasSize(1);
    }

    @Test
    void wrongMediaTypeOrEncodingIs415AndWrongMethodIs405() throws Exception {
        HttpResponse<String> r = post("text/plain", "[]".getBytes(UTF_8));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(r.body()).getString("error")).contains("application/x-ndjson");
        assertThat(post(null, "[]".getBytes(UTF_8)).statusCode()).isEqualTo(415);
        assertThat(post("application/json", "[]".getBytes(UTF_8), "Content-Encoding", "br").statusCode()).isEqualTo(415);
        HttpResponse<String> g = get("/v1/events");
        assertThat(g.statusCode()).isEqualTo(405);
        assertThat(g.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void publishFailureIs503WithRetryAfterAndNothingAcknowledged() throws Exception {
        publisher.failing(true);
        HttpResponse<String> r = postJson("[" + event("e1", "a1", "") + "]");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getInteger("accepted")).isZero();
        assertThat(body.getBoolean("acknowledged")).isFalse();
        assertThat(body.getString("error")).contains("nothing of it was accepted");
        publisher.failing(false);
        assertThat(postJson("[" + event("e1", "a1", "") + "]").statusCode()).isEqualTo(202);
    }

    @Test
    void emptyBatchIsANoOp() throws Exception {
        HttpResponse<String> r = postJson("[]");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(r.body()).getInteger("accepted")).isZero();
    }

    @Test
    void readinessFollowsThePublisherAndMetricsAreExposed() throws Exception {
        publisher.ready(false);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        publisher.ready(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        postJson("[" + event("e1", "a1", "") + "," + event("e2", "a1", ",\"ttft_ms\":-1") + "]");
        postJson("{oops");
        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("agentpulse_gateway_requests_total{status=\"202\"} 1.0")
                .contains("agentpulse_gateway_requests_total{status=\"400\"} 1.0")
                .contains("agentpulse_gateway_events_accepted_total 1.0")
                .contains("agentpulse_gateway_events_rejected_total{field=\"ttft_ms\",reason=\"range\"} 1.0")
                .contains("agentpulse_gateway_requests_refused_total{reason=\"malformed\"} 1.0")
                .contains("agentpulse_gateway_received_bytes_count 2")
                .contains("agentpulse_gateway_publish_latency_seconds_count{outcome=\"ok\"} 1")
                .contains("agentpulse_gateway_requests_in_flight 0.0");
    }

    @Test
    void theAnswerWaitsForTheAcknowledgementAndOverloadIs503() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        vertx = Vertx.vertx();
        GatewayConfig one = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_GATEWAY_MAX_IN_FLIGHT", "1"));
        server = start(one);
        publisher.holding(true);
        var first = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", TestKeys.bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString("[" + event("e1", "a1", "") + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().until(() -> publisher.heldBatches() == 1);
        assertThat(first).isNotDone();
        HttpResponse<String> second = postJson("[" + event("e2", "a1", "") + "]");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        publisher.holding(false);
        assertThat(first.get().statusCode()).isEqualTo(202);
        assertThat(publisher.events()).extracting(AgentEvent::getEventId).containsExactly("e1");
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(UTF_8));
        }
        return out.toByteArray();
    }
}
