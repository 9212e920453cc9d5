package io.agentpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.registry.RegistryServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone entry point against a real broker, PostgreSQL and registry: ready, metrics served. */
class ITProcessorMain {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsAndServesHealthReadinessAndMetrics() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        PgDatabase db = infra.freshDatabase("processor_main");
        Vertx vertx = Vertx.vertx();
        RegistryServer registry = RegistryServer.start(vertx, 0, Files.createTempDirectory("registry")).await();
        try (ProcessorMain main = ProcessorMain.start(Map.of(
                "AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(),
                "AGENTPULSE_PROCESSOR_APPLICATION_ID", "main-it",
                "AGENTPULSE_PROCESSOR_STATE_DIR", Files.createTempDirectory("main-it").toString(),
                "AGENTPULSE_SINK_GROUP_ID", "main-it-sink",
                "AGENTPULSE_REGISTRY_URL", "http://localhost:" + registry.port(),
                "AGENTPULSE_DB_URL", db.jdbcUrl(),
                "AGENTPULSE_DB_USER", db.user(),
                "AGENTPULSE_DB_PASSWORD", db.password(),
                "AGENTPULSE_PROCESSOR_ADMIN_PORT", "0"))) {
            assertThat(get(main, "/healthz").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(main, "/readyz").statusCode() == 200);
            String metrics = get(main, "/metrics").body();
            assertThat(metrics).contains("agentpulse_processor_events_accepted_total").contains("kafka_stream");
        } finally {
            registry.close().await();
            vertx.close().await();
        }
    }

    private HttpResponse<String> get(ProcessorMain main, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + main.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
