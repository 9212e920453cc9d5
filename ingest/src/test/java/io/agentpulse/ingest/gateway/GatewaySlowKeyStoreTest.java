package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.keys.KeyCheck;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key store that answers later, on another Vert.x context (as a database pool does): the body that
 * arrives while the key is checked is kept for the body handler, and the answer is written on the
 * request's own event loop.
 */
class GatewaySlowKeyStoreTest {
    final Vertx vertx = Vertx.vertx();
    final Vertx storeVertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        storeVertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void bodiesWaitForTheVerdictAndArriveWhole() throws Exception {
        TestKeys keys = new TestKeys(Clock.systemUTC());
        String token = keys.ingest();
        GatewayAuthTest.FlakyStore slow = new GatewayAuthTest.FlakyStore(keys) {
            @Override
            public Future<KeyCheck> verify(String t) {
                return storeVertx.timer(100).compose(x -> keys.store.verify(t));
            }
        };
        InMemoryEventPublisher publisher = new InMemoryEventPublisher();
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_KEY_CACHE_SECONDS", "0"));
        GatewayServer server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher, slow,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().join();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) { // ~300 KB: many TCP segments arrive while the request is paused
            batch.append(i == 0 ? "" : ",").append("{\"event_id\":\"slow-").append(i).append("\",\"agent_id\":\"a\",")
                    .append("\"event_time\":\"").append(Instant.now()).append("\",\"model\":\"").append("m".repeat(60))
                    .append("\"}");
        }
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"))
                    .header("Content-Type", "application/json").header("Authorization", TestKeys.bearer(token))
                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString().replace("slow-", "slow-" + r + "-")
                            + "]")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var a : answers) {
            assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(202);
        }
        assertThat(publisher.events()).hasSize(8000);
    }
}
