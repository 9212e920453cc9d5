package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract against a real gateway (loopback, port 0) with the in-memory publisher behind it. */
class HttpTransportTest extends TransportContract {
    private Vertx vertx;
    private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    private GatewayServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1", "AGENTPULSE_GATEWAY_PORT", "0"));
        server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), publisher,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Override
    Transport transport() {
        return new HttpTransport("http://127.0.0.1:" + server.port(), "test-key", Duration.ofSeconds(5));
    }

    @Override
    List<AgentEvent> delivered() {
        return publisher.events();
    }
}
