package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.SecurityHeaders;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.KeyCheck;
import io.agentpulse.security.keys.KeyRecord;
import io.agentpulse.security.keys.NewKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deny by default on a real server (loopback, port 0) with in-memory keys and a clock the test moves. */
class GatewayAuthTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration TTL = Duration.ofSeconds(2);

    /** Time moved by hand: revocation and expiry without sleeps. */
    static final class HandClock extends Clock {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The in-memory store, or a store that cannot be reached. */
    static class FlakyStore implements ApiKeyStore {
        final TestKeys keys;
        final AtomicBoolean down = new AtomicBoolean();

        FlakyStore(TestKeys keys) {
            this.keys = keys;
        }

        @Override
        public Future<KeyCheck> verify(String token) {
            return down.get() ? Future.failedFuture("connection refused") : keys.store.verify(token);
        }

        @Override
        public Future<IssuedKey> create(NewKey key) {
            return keys.store.create(key);
        }

        @Override
        public Future<Boolean> revoke(String id, Instant at) {
            return keys.store.revoke(id, at);
        }

        @Override
        public Future<List<KeyRecord>> list() {
            return keys.store.list();
        }

        @Override
        public Future<Void> touch(String id, Instant at) {
            return keys.store.touch(id, at);
        }
    }

    final HandClock clock = new HandClock();
    final TestKeys keys = new TestKeys(clock);
    final FlakyStore store = new FlakyStore(keys);
    final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient http = HttpClient.newHttpClient();
    Vertx vertx;
    GatewayServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = start(Map.of());
    }

    GatewayServer start(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_KEY_CACHE_SECONDS", Long.toString(TTL.toSeconds())));
        env.putAll(extra);
        return GatewayServer.start(vertx, GatewayConfig.fromEnv(env), LimitsConfig.defaults(), publisher, store,
                registry, clock).toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    HttpResponse<String> send(String method, String path, String type, byte[] body, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> events(String authorization) throws Exception {
        String batch = "[{\"event_id\":\"e-" + System.nanoTime() + "\",\"agent_id\":\"a\",\"event_time\":\"" + clock.now + "\"}]";
        return send("POST", "/v1/events", "application/json", batch.getBytes(UTF_8), authorization);
    }

    static String reason(HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("reason");
    }

    @Test
    void eachRefusalIs401WithItsReasonAndBearerChallenge() throws Exception {
        String revoked = keys.ingest();
        keys.store.revoke(ApiKeys.parse(revoked).id(), T0);
        String unknown = ApiKeys.generate().token();
        Map<String, String> cases = Map.of(
                "missing-credentials", "",
                "malformed", "Bearer not-a-key",
                "unknown-key", TestKeys.bearer(unknown),
                "revoked", TestKeys.bearer(revoked),
                "expired", TestKeys.bearer(keys.create(T0, Scope.INGEST)));
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = events(c.getValue().isEmpty() ? null : c.getValue());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(401);
            assertThat(reason(r)).isEqualTo(c.getKey());
            assertThat(new JsonObject(r.body()).getString("error")).endsWith(".").doesNotContain(unknown);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(events("Basic YTpi").statusCode()).isEqualTo(401);
        assertThat(publisher.events()).isEmpty();
        String scrape = registry.scrape();
        assertThat(scrape).contains("agentpulse_gateway_auth_refused_total{reason=\"malformed\"} 2.0")
                .contains("agentpulse_gateway_auth_refused_total{reason=\"unknown-key\"} 1.0")
                .doesNotContain(ApiKeys.parse(unknown).secret()).doesNotContain(ApiKeys.parse(unknown).id());
    }

    @Test
    void aKeyWithoutTheIngestScopeIs403() throws Exception {
        HttpResponse<String> r = events(TestKeys.bearer(keys.create(null, Scope.READ)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(reason(r)).isEqualTo("forbidden");
        assertThat(events(TestKeys.bearer(keys.create(null, Scope.READ, Scope.INGEST))).statusCode()).isEqualTo(202);
        assertThat(publisher.events()).hasSize(1);
    }

    @Test
    void aRevokedKeyStopsWithinTheCacheLifetime() throws Exception {
        String token = keys.ingest();
        assertThat(events(TestKeys.bearer(token)).statusCode()).isEqualTo(202);
        keys.store.revoke(ApiKeys.parse(token).id(), clock.now);
        assertThat(events(TestKeys.bearer(token)).statusCode()).as("still cached").isEqualTo(202);
        clock.now = clock.now.plus(TTL);
        HttpResponse<String> r = events(TestKeys.bearer(token));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(reason(r)).isEqualTo("revoked");
    }

    @Test
    void anExpiringKeyStopsWithinTheCacheLifetimeOfItsExpiry() throws Exception {
        String token = keys.create(T0.plusSeconds(60), Scope.INGEST);
        assertThat(events(TestKeys.bearer(token)).statusCode()).isEqualTo(202);
        clock.now = T0.plusSeconds(60).plus(TTL);
        assertThat(reason(events(TestKeys.bearer(token)))).isEqualTo("expired");
    }

    @Test
    void otlpExportersAuthenticateWithTheirBearerHeader() throws Exception {
        byte[] empty = ExportTraceServiceRequest.getDefaultInstance().toByteArray();
        assertThat(send("POST", "/v1/traces", "application/x-protobuf", empty, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/traces", "application/x-protobuf", empty, TestKeys.bearer(keys.ingest()))
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/traces", "application/json", "{}".getBytes(UTF_8), "bearer " + keys.ingest())
                .statusCode()).as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void anUnreachableKeyStoreIs503AndIsAskedAgainNextTime() throws Exception {
        String token = keys.ingest();
        store.down.set(true);
        HttpResponse<String> r = events(TestKeys.bearer(token));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        store.down.set(false);
        assertThat(events(TestKeys.bearer(token)).statusCode()).isEqualTo(202);
    }

    @Test
    void undeclaredRoutesAre404AndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        String token = TestKeys.bearer(keys.ingest());
        List<HttpResponse<String>> answers = List.of(
                send("GET", "/healthz", null, new byte[0], null), send("GET", "/metrics", null, new byte[0], null),
                send("GET", "/readyz", null, new byte[0], null), events(null), events(token),
                send("PUT", "/v1/events", "application/json", new byte[0], null),
                send("GET", "/admin", null, new byte[0], token), send("GET", "/v1/traces", null, new byte[0], token));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 401, 202, 405, 404, 404);
        assertThat(reason(answers.get(6))).isEqualTo("not-found");
        for (HttpResponse<String> a : answers) {
            var h = a.headers();
            assertThat(h.firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CSP);
            assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(h.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
            assertThat(h.firstValue("Cache-Control")).hasValue("no-store");
            assertThat(h.firstValue("Strict-Transport-Security")).as("only under TLS").isEmpty();
        }
    }

    @Test
    void lastUseIsRecordedInBatchesAndTheBootstrapKeyIsAdoptedOnce() throws Exception {
        String boot = ApiKeys.generate().token();
        server.close().toCompletionStage().toCompletableFuture().join();
        server = start(Map.of("AGENTPULSE_BOOTSTRAP_INGEST_KEY", boot));
        for (int i = 0; i < 3; i++) {
            assertThat(events(TestKeys.bearer(boot)).statusCode()).isEqualTo(202);
        }
        assertThat(keys.store.list().result()).singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isNull());
        server.close().toCompletionStage().toCompletableFuture().join(); // flushes the pending touches
        assertThat(keys.store.list().result()).singleElement().satisfies(k -> {
            assertThat(k.lastUsedAt()).isEqualTo(T0);
            assertThat(k.scopes()).containsExactly(Scope.INGEST);
        });
        server = start(Map.of("AGENTPULSE_BOOTSTRAP_INGEST_KEY", boot)); // a restart adopts nothing new
        assertThat(keys.store.list().result()).hasSize(1);
        assertThat(events(TestKeys.bearer(boot)).statusCode()).isEqualTo(202);
    }

    @Test
    void noTokenEverReachesTheLog() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(ch.qos.logback.classic.Level.DEBUG); // everything, Vert.x and Netty included
        try {
            String boot = ApiKeys.generate().token();
            String unknown = ApiKeys.generate().token();
            server.close().toCompletionStage().toCompletableFuture().join();
            server = start(Map.of("AGENTPULSE_BOOTSTRAP_INGEST_KEY", boot));
            assertThat(events(TestKeys.bearer(boot)).statusCode()).isEqualTo(202);
            assertThat(events(TestKeys.bearer(unknown)).statusCode()).isEqualTo(401);
            assertThat(events("Bearer " + boot + "x").statusCode()).isEqualTo(401);
            store.down.set(true);
            assertThat(events(TestKeys.bearer(ApiKeys.generate().token())).statusCode()).isEqualTo(503);
            server.close().toCompletionStage().toCompletableFuture().join();
            assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage() + e.getThrowableProxy())
                    .doesNotContain(ApiKeys.parse(boot).secret()).doesNotContain(ApiKeys.parse(unknown).secret())
                    .doesNotContainIgnoringCase("authorization:"));
        } finally {
            root.setLevel(level);
            root.detachAppender(logs);
        }
    }
}
