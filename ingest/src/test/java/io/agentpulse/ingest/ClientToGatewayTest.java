package io.agentpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.client.AgentPulseRecorder;
import io.agentpulse.client.PulseEvent;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' client library (module client, HTTP transport) against a real gateway on loopback with the
 * in-memory publisher behind it: what the client's JSON writer sends is what the gateway's parser publishes.
 */
class ClientToGatewayTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** Quote, backslash, control characters and non-ASCII: what a JSON writer most easily gets wrong. */
    private static final String AWKWARD = "q\"b\\n\n\u0001\u001f ünïcode ✓ 𝄞";
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

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void recordedEventsArriveIntactAndCloseFlushes() {
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().gateway(url(), token).agentId("gateway-agent")
                .environment("test").batchSize(7).flushInterval(Duration.ofMillis(20))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        for (int i = 0; i < 50; i++) {
            assertThat(pulse.record(pulse.event().setEventId("g-" + i).setOperation("chat").setModel("gpt-4o")
                    .setLatencyMs(10.5 + i).setInputTokens((long) i).setOutputTokens(1L).setTtftMs(1e-5)
                    .setStatus(i % 10 == 0 ? PulseEvent.Status.ERROR : PulseEvent.Status.OK)
                    .setAttributes(Map.of("i", "" + i, "awkward", AWKWARD)))).isTrue();
        }
        pulse.close();
        assertThat(pulse.stats().sent()).isEqualTo(50);
        assertThat(pulse.stats().droppedTotal()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> publisher.events().size() == 50);
        AgentEvent e7 = publisher.events().stream().filter(e -> e.getEventId().equals("g-7")).findFirst().orElseThrow();
        assertThat(e7.getAgentId()).isEqualTo("gateway-agent");
        assertThat(e7.getEnvironment()).isEqualTo("test");
        assertThat(e7.getEventTime()).isEqualTo(NOW);
        assertThat(e7.getLatencyMs()).isEqualTo(17.5);
        assertThat(e7.getTtftMs()).isEqualTo(1e-5);
        assertThat(e7.getInputTokens()).isEqualTo(7L);
        assertThat(e7.getAttributes()).isEqualTo(Map.of("i", "7", "awkward", AWKWARD));
        assertThat(publisher.events().stream().filter(e -> e.getStatus() == Status.ERROR).count()).isEqualTo(5);
    }

    @Test
    void aMissingOrUnknownKeyIsRefusedAtOnceAndNotRetried() {
        for (String key : new String[] {null, ApiKeys.generate().token()}) {
            AgentPulseRecorder pulse = AgentPulseRecorder.builder().gateway(url(), key).maxAttempts(5)
                    .flushInterval(Duration.ofMillis(5)).build();
            pulse.record(pulse.event().setOperation("chat"));
            pulse.close();
            assertThat(pulse.stats().dropped()).isEqualTo(Map.of("rejected", 1L));
            assertThat(pulse.stats().lastError()).contains("401").contains(key == null ? "missing-credentials" : "unknown-key");
        }
        assertThat(publisher.events()).isEmpty();
    }
}
