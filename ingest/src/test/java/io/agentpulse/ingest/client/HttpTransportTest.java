package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against a real gateway (loopback, port 0) with the in-memory publisher behind it. */
class HttpTransportTest extends TransportContract {
    private Vertx vertx;
    private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    private GatewayServer server;
    /** Adopted by the gateway through AGENTPULSE_BOOTSTRAP_INGEST_KEY, as a first deployment would. */
    private final String token = ApiKeys.generate().token();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1",
                "AGENTPULSE_GATEWAY_PORT", "0", "AGENTPULSE_BOOTSTRAP_INGEST_KEY", token));
        server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher,
                new InMemoryApiKeyStore(Clock.systemUTC()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Override
    Transport transport() {
        return new HttpTransport("http://127.0.0.1:" + server.port(), token, Duration.ofSeconds(5));
    }

    @Test
    void aMissingOrUnknownKeyIsRefusedAtOnceAndNotRetried() {
        String url = "http://127.0.0.1:" + server.port();
        List<AgentEvent> batch = List.of(AgentEvent.newBuilder().setEventId("k1").setAgentId("a")
                .setEventTime(java.time.Instant.now()).build());
        assertThatThrownBy(() -> new HttpTransport(url, null, Duration.ofSeconds(5)).send(batch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("401").hasMessageContaining("missing-credentials");
        assertThatThrownBy(() -> new HttpTransport(url, ApiKeys.generate().token(), Duration.ofSeconds(5)).send(batch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown-key");
        assertThat(publisher.events()).isEmpty();
    }

    @Override
    List<AgentEvent> delivered() {
        return publisher.events();
    }
}
