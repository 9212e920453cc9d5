package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.SecurityHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.embedded.tls.TestCa;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.ops.ConfigException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files (AGENTPULSE_TLS_CERT_FILE / AGENTPULSE_TLS_KEY_FILE) with a certificate made here. */
class GatewayTlsTest {
    @TempDir
    Path dir;
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void servesHttpsWithHstsAndStillDemandsAKey() throws Exception {
        TestCa ca = TestCa.create(dir, "gateway-test");
        TestCa.Issued pem = ca.issueServer(dir, "gateway");
        TestKeys keys = new TestKeys(Clock.systemUTC());
        String token = keys.ingest();
        InMemoryEventPublisher publisher = new InMemoryEventPublisher();
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_TLS_CERT_FILE", pem.certFile().toString(),
                "AGENTPULSE_TLS_KEY_FILE", pem.keyFile().toString()));
        assertThat(config.security().tls()).isTrue();
        GatewayServer server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher, keys.store,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().join();
        HttpClient https = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        URI events = URI.create("https://127.0.0.1:" + server.port() + "/v1/events");
        String batch = "[{\"event_id\":\"tls-1\",\"agent_id\":\"a\",\"event_time\":\"" + Instant.now() + "\"}]";
        HttpResponse<String> refused = https.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> ok = https.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                .header("Authorization", TestKeys.bearer(token)).POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.HSTS);
        assertThat(publisher.events()).hasSize(1);
        // Plain HTTP on the HTTPS port gets no answer the client could take for one.
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void halfATlsSettingOrAMissingFileIsAFullSentence() throws Exception {
        TestCa.Issued pem = TestCa.create(dir, "gateway-test").issueServer(dir, "gateway");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_TLS_CERT_FILE", pem.certFile().toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("AGENTPULSE_TLS_CERT_FILE is set but AGENTPULSE_TLS_KEY_FILE is not; set both for HTTPS,"
                        + " or neither for plain HTTP.");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_TLS_CERT_FILE", dir.resolve("nope.crt").toString(),
                "AGENTPULSE_TLS_KEY_FILE", pem.keyFile().toString())))
                .hasMessageContaining("nope.crt, which does not exist or cannot be read.");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_BOOTSTRAP_INGEST_KEY", "apk_secret-value")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not look like")
                .message().doesNotContain("secret-value");
    }
}
