package io.agentpulse.ingest.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.ApiKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 malformed or hostile requests on loopback, with good traffic alongside: every hostile
 * request gets its own 4xx, never a 5xx; nothing of them is published; the good events are all
 * published exactly once; a label-cardinality flood folds into _other; heap after GC stays flat.
 */
class HostileTrafficTest {
    static final int MAX_BODY = 64 * 1024;
    static final int CARDINALITY = 50;
    static final int HOSTILE = 10_000;
    static final int GOOD_REQUESTS = 200;
    static final int GOOD_PER_REQUEST = 5;

    Vertx vertx;
    InMemoryEventPublisher publisher;
    PrometheusMeterRegistry registry;
    GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Instant now = Instant.now();

    TestKeys keys;
    /** The Authorization header of the good agents, the flood and the hostile kinds that are not about keys. */
    String auth;

    /** One kind of bad request, its Authorization header (null = none) and the status it must get. */
    record Hostile(String name, String path, String method, String type, String encoding, byte[] body, int expected,
                   String auth) {}

    Hostile hostile(String name, String path, String method, String type, String encoding, byte[] body, int expected) {
        return new Hostile(name, path, method, type, encoding, body, expected, auth);
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        publisher = new InMemoryEventPublisher();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_GATEWAY_MAX_BODY_BYTES", Integer.toString(MAX_BODY)));
        LimitsConfig limits = LimitsConfig.defaults().withRate(0, 1).withCardinality(CARDINALITY).withMaxBatchEvents(100);
        keys = new TestKeys(Clock.systemUTC());
        auth = TestKeys.bearer(keys.ingest());
        server = GatewayServer.start(vertx, config, limits, publisher, keys.store, registry, Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    String event(String id, String agent, Instant at) {
        return "{\"event_id\":\"" + id + "\",\"agent_id\":\"" + agent + "\",\"event_time\":" + at.toEpochMilli()
                + ",\"operation\":\"chat\",\"latency_ms\":12.5}";
    }

    List<Hostile> kinds() throws Exception {
        String bomb = "[" + "{\"event_id\":\"bad-bomb\",\"agent_id\":\"x\",\"event_time\":0}".repeat(1) + " ".repeat(8 * MAX_BODY) + "]";
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"event_id\":\"bad-many-").append(i).append("\"}");
        }
        String future = "[" + event("bad-future", "good-0", now.plus(Duration.ofHours(2))) + "]";
        return List.of(
                hostile("bad_json", "/v1/events", "POST", "application/json", null, bytes("[{\"event_id\":\"bad-j\","), 400),
                hostile("wrong_types", "/v1/events", "POST", "application/json", null,
                        bytes("[{\"event_id\":\"bad-t\",\"agent_id\":5,\"event_time\":\"yesterday\",\"latency_ms\":\"12\"}]"), 400),
                hostile("huge_body", "/v1/events", "POST", "application/json", null, new byte[MAX_BODY + 1], 413),
                hostile("gzip_bomb", "/v1/events", "POST", "application/json", "gzip", gzip(bytes(bomb)), 413),
                hostile("bad_gzip", "/v1/events", "POST", "application/json", "gzip", bytes("not gzip at all"), 400),
                hostile("unknown_type", "/v1/events", "POST", "text/xml", null, bytes("<events/>"), 415),
                hostile("unknown_encoding", "/v1/events", "POST", "application/json", "br", bytes("[]"), 415),
                hostile("future_time", "/v1/events", "POST", "application/json", null, bytes(future), 400),
                hostile("too_many_events", "/v1/events", "POST", "application/json", null, bytes(tooMany + "]"), 413),
                hostile("ndjson_garbage", "/v1/events", "POST", "application/x-ndjson", null, bytes("{oops\n[1,2]\n"), 400),
                hostile("wrong_method", "/v1/events", "PUT", "application/json", null, bytes("[]"), 405),
                hostile("otlp_garbage", "/v1/traces", "POST", "application/x-protobuf", null, new byte[] {(byte) 0xff, 7, 7}, 400),
                hostile("otlp_json_types", "/v1/traces", "POST", "application/json", null,
                        bytes("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":{}}]}]}]}"), 400),
                hostile("otlp_unknown_type", "/v1/traces", "POST", "text/plain", null, bytes("spans"), 415),
                hostile("otlp_gzip_bomb", "/v1/traces", "POST", "application/json", "gzip", gzip(new byte[16 * MAX_BODY]), 413),
                // Valid batches with no or bad credentials: refused before a byte of the body is read.
                keyed("no_key", "/v1/events", null, 401),
                keyed("otlp_no_key", "/v1/traces", null, 401),
                keyed("basic_auth", "/v1/events", "Basic dXNlcjpwYXNzd29yZA==", 401),
                keyed("garbage_key", "/v1/events", "Bearer not-a-key", 401),
                keyed("unknown_key", "/v1/events", TestKeys.bearer(ApiKeys.generate().token()), 401),
                keyed("revoked_key", "/v1/traces", TestKeys.bearer(revoked()), 401),
                keyed("expired_key", "/v1/events", TestKeys.bearer(keys.create(now.minusSeconds(60), Scope.INGEST)), 401),
                keyed("read_key", "/v1/events", TestKeys.bearer(keys.create(null, Scope.READ)), 403));
    }

    private Hostile keyed(String name, String path, String authorization, int expected) {
        String good = "[" + event("bad-" + name, "good-0", now) + "]";
        return new Hostile(name, path, "POST", "application/json", null, bytes(good), expected, authorization);
    }

    private String revoked() {
        String token = keys.ingest();
        keys.store.revoke(ApiKeys.parse(token).id(), now);
        return token;
    }

    @Test
    void tenThousandHostileRequestsGet4xxAndGoodTrafficIsCountedExactly() throws Exception {
        List<Hostile> kinds = kinds();
        // warm up (JIT, pools) and admit the good agents before the flood takes the cardinality budget
        sendGood(0, 20);
        long heapBefore = usedHeapAfterGc();

        Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        Semaphore window = new Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            Hostile h = kinds.get(i % kinds.size());
            window.acquire();
            all.add(send(h.path(), h.method(), h.type(), h.encoding(), h.body(), h.auth()).whenComplete((r, e) -> {
                window.release();
                int code = e != null ? -1 : r.statusCode();
                statuses.computeIfAbsent(h.name(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            }));
            if (i % 50 == 0) { // good traffic alongside
                sendGood(20 + i / 50, 1);
            }
            if (i % 20 == 0) { // a label-cardinality flood: every event a new agent
                StringBuilder flood = new StringBuilder("[");
                for (int j = 0; j < 10; j++) {
                    flood.append(j == 0 ? "" : ",").append(event("flood-" + i + "-" + j, "flood-agent-" + i + "-" + j, now));
                }
                window.acquire();
                all.add(send("/v1/events", "POST", "application/json", null, bytes(flood + "]"), auth)
                        .whenComplete((r, e) -> window.release()));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        long heapAfter = usedHeapAfterGc();

        for (Hostile h : kinds) {
            assertThat(statuses.get(h.name()).keySet()).as(h.name() + " " + statuses.get(h.name())).containsOnly(h.expected());
        }
        assertThat(statuses.values().stream().mapToInt(m -> m.values().stream().mapToInt(AtomicInteger::get).sum()).sum())
                .isEqualTo(HOSTILE);
        List<AgentEvent> published = publisher.events();
        assertThat(published).noneMatch(e -> e.getEventId().startsWith("bad-"));
        int goodSent = (20 + HOSTILE / 50) * GOOD_PER_REQUEST;
        assertThat(published.stream().filter(e -> e.getEventId().startsWith("good-")).count()).isEqualTo(goodSent);
        assertThat(published.stream().filter(e -> e.getEventId().startsWith("good-")).map(AgentEvent::getAgentId)
                .collect(Collectors.toSet())).isEqualTo(Set.of("good-0", "good-1", "good-2", "good-3", "good-4"));
        Set<String> agents = published.stream().map(AgentEvent::getAgentId).collect(Collectors.toSet());
        assertThat(agents).hasSizeLessThanOrEqualTo(CARDINALITY + 1).contains("_other");
        assertThat(registry.scrape()).contains("agentpulse_gateway_cardinality_folded_total{dimension=\"agent\"}");
        String scrape = registry.scrape();
        for (String reason : List.of("missing-credentials", "malformed", "unknown-key", "revoked", "expired", "forbidden")) {
            assertThat(scrape).contains("agentpulse_gateway_auth_refused_total{reason=\"" + reason + "\"}");
        }
        assertThat(scrape).doesNotContain(auth.substring(7, 30));
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(32L * 1024 * 1024);
        System.out.printf("hostile statuses: %s; heap before %d MiB, after %d MiB%n", new TreeMap<>(statuses),
                heapBefore >> 20, heapAfter >> 20);
    }

    private void sendGood(int request, int count) {
        for (int r = request; r < request + count; r++) {
            StringBuilder b = new StringBuilder("[");
            for (int j = 0; j < GOOD_PER_REQUEST; j++) {
                b.append(j == 0 ? "" : ",").append(event("good-" + r + "-" + j, "good-" + j, now));
            }
            HttpResponse<String> resp = send("/v1/events", "POST", "application/json", null, bytes(b + "]"), auth).join();
            assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202);
        }
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String method, String type, String encoding,
                                                         byte[] body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", type);
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
