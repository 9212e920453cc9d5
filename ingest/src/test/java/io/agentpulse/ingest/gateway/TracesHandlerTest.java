package io.agentpulse.ingest.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
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
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP {@code POST /v1/traces} on a real Vert.x server with the in-memory publisher. */
class TracesHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String TRACE = "5b8efff798038103d269b633813fc60c";

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
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_GATEWAY_MAX_BODY_BYTES", "65536"));
        LimitsConfig limits = LimitsConfig.defaults().withRate(0.001, 5) /* one token per 1000 s: no refill during the test */;
        keys = new TestKeys(Clock.fixed(NOW, ZoneOffset.UTC));
        token = keys.ingest();
        server = GatewayServer.start(vertx, config, limits, publisher, keys.store, registry, Clock.fixed(NOW, ZoneOffset.UTC))
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    HttpResponse<byte[]> post(String type, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/traces"))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!java.util.Arrays.asList(headers).contains("Authorization")) {
            b.header("Authorization", TestKeys.bearer(token)); // what OTLP exporters send from their headers setting
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    static KeyValue kv(String k, long v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setIntValue(v)).build();
    }

    static Span.Builder span(String spanHex, String parentHex) {
        long start = NOW.toEpochMilli() * 1_000_000L;
        Span.Builder s = Span.newBuilder().setTraceId(ByteString.fromHex(TRACE)).setSpanId(ByteString.fromHex(spanHex))
                .setName("op").setStartTimeUnixNano(start).setEndTimeUnixNano(start + 40_000_000L);
        if (parentHex != null) {
            s.setParentSpanId(ByteString.fromHex(parentHex));
        }
        return s;
    }

    static byte[] request(Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "svc")))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(java.util.List.of(spans)))).build().toByteArray();
    }

    @Test
    void protobufSpansBecomeEvents() throws Exception {
        byte[] body = request(
                span("00000000000000a1", null).addAttributes(kv("gen_ai.operation.name", "invoke_agent"))
                        .addAttributes(kv("gen_ai.agent.name", "travel")).build(),
                span("00000000000000a2", "00000000000000a1").addAttributes(kv("gen_ai.operation.name", "chat"))
                        .addAttributes(kv("gen_ai.request.model", "gpt-4o")).addAttributes(kv("gen_ai.usage.input_tokens", 12))
                        .addAttributes(kv("gen_ai.usage.output_tokens", 3)).build(),
                span("00000000000000a3", null).addAttributes(kv("http.request.method", "GET")).build());
        HttpResponse<byte[]> r = post("application/x-protobuf", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(ExportTraceServiceResponse.parseFrom(r.body()).hasPartialSuccess()).isFalse();
        assertThat(publisher.events()).extracting(AgentEvent::getAgentId).containsExactly("travel", "travel");
        assertThat(publisher.events().get(1).getInputTokens()).isEqualTo(12L);
        assertThat(publisher.events().get(1).getLatencyMs()).isEqualTo(40.0);
    }

    @Test
    void jsonWithHexIdsAndStringIntegersAndGzipWithPartialSuccess() throws Exception {
        long start = NOW.toEpochMilli() * 1_000_000L;
        String json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"js-agent"}}]},
             "scopeSpans":[{"scope":{"name":"x"},"spans":[
              {"traceId":"%s","spanId":"00000000000000b1","name":"chat","kind":3,
               "startTimeUnixNano":"%d","endTimeUnixNano":%d,"status":{"code":2},
               "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                             {"key":"gen_ai.usage.input_tokens","value":{"intValue":"42"}},
                             {"key":"gen_ai.usage.output_tokens","value":{"intValue":8}},
                             {"key":"error.type","value":{"stringValue":"rate_limit"}}]},
              {"traceId":"not-hex","spanId":"00000000000000b2","startTimeUnixNano":"%d","endTimeUnixNano":"%d",
               "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}]}]}]}]}
            """.formatted(TRACE, start, start + 1_000_000, start, start);
        HttpResponse<byte[]> r = post("application/json", gzip(json.getBytes(UTF_8)), "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(new String(r.body(), UTF_8));
        assertThat(answer.getJsonObject("partialSuccess").getString("rejectedSpans")).isEqualTo("1");
        assertThat(answer.getJsonObject("partialSuccess").getString("errorMessage")).contains("trace_id");
        AgentEvent e = publisher.events().get(0);
        assertThat(e.getAgentId()).isEqualTo("js-agent");
        assertThat(e.getInputTokens()).isEqualTo(42L);
        assertThat(e.getOutputTokens()).isEqualTo(8L);
        assertThat(e.getErrorType()).isEqualTo("rate_limit");
        assertThat(e.getTraceId()).isEqualTo(TRACE);
        assertThat(publisher.events()).hasSize(1);
    }

    @Test
    void malformedBodiesAreRefusedWithAStatusNamingTheProblem() throws Exception {
        HttpResponse<byte[]> bad = post("application/x-protobuf", new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body(), UTF_8)).contains("protobuf");
        HttpResponse<byte[]> badJson = post("application/json", "{\"resourceSpans\":{}}".getBytes(UTF_8));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(new String(badJson.body(), UTF_8)).getString("message")).contains("must be an array");
        assertThat(post("text/plain", "x".getBytes(UTF_8)).statusCode()).isEqualTo(415);
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        String k1 = TestKeys.bearer(keys.ingest());
        String k2 = TestKeys.bearer(keys.ingest());
        byte[] empty = ExportTraceServiceRequest.getDefaultInstance().toByteArray();
        for (int i = 0; i < 5; i++) {
            assertThat(post("application/x-protobuf", empty, "Authorization", k1).statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> limited = post("application/x-protobuf", empty, "Authorization", k1);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(post("application/x-protobuf", empty, "Authorization", k2).statusCode()).isEqualTo(200);
        assertThat(registry.scrape()).contains("agentpulse_gateway_limited_total{reason=\"rate\"} 1.0");
    }

    @Test
    void kafkaFailureIs503WithRetryAfter() throws Exception {
        publisher.failing(true);
        HttpResponse<byte[]> r = post("application/x-protobuf", request(span("00000000000000c1", null)
                .addAttributes(kv("gen_ai.operation.name", "chat")).build()));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
