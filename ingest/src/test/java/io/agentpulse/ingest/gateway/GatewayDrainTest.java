package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain (what SIGTERM runs): a batch in flight when the drain starts is still answered 202;
 * a request arriving during the drain gets 503 with Connection: close and Retry-After, /readyz
 * turns 503; once nothing is in flight the server closes.
 */
class GatewayDrainTest {
    final Vertx vertx = Vertx.vertx();
    final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final TestKeys keys = new TestKeys(Clock.fixed(GatewayServerTest.NOW, ZoneOffset.UTC));
    final String token = keys.ingest();
    GatewayServer server;

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private HttpRequest batch(String id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", TestKeys.bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString("[" + GatewayServerTest.event(id, "a1", "") + "]")).build();
    }

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefusedWithConnectionClose() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1", "AGENTPULSE_GATEWAY_PORT", "0",
                "AGENTPULSE_GATEWAY_RETRY_AFTER_SECONDS", "3"));
        server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher, keys.store,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.fixed(GatewayServerTest.NOW, ZoneOffset.UTC)).toCompletionStage().toCompletableFuture().join();
        String ready = "http://127.0.0.1:" + server.port() + "/readyz";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(ready)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        publisher.holding(true); // the broker has not acknowledged yet: the first batch stays in flight
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(batch("e-1"), HttpResponse.BodyHandlers.ofString());
        await().until(() -> publisher.heldBatches() == 1);
        Future<Void> drained = server.drain(Duration.ofSeconds(30));

        HttpResponse<String> refused = http.send(batch("e-2"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(refused.body()).contains("\"acknowledged\":false");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(ready)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(drained.isComplete()).as("the server waits for the batch in flight").isFalse();
        assertThat(inFlight).isNotDone();

        publisher.holding(false); // the broker acknowledges
        assertThat(inFlight.get().statusCode()).isEqualTo(202);
        drained.toCompletionStage().toCompletableFuture().get();
        assertThat(publisher.records()).extracting(r -> r.getValue().getEventId().toString()).containsExactly("e-1");
        assertThatThrownBy(() -> http.send(batch("e-3"), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}
