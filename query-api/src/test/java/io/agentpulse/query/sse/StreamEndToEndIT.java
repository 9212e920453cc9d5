package io.agentpulse.query.sse;

import io.agentpulse.contract.registry.RegistrySettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The contract entry point (config only): Avro rollups on Kafka reach an SSE client as frames. */
class StreamEndToEndIT {
    @Test
    void rollupsOnKafkaReachTheBrowserStream() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.createTopics(Topics.ROLLUPS);
        PgDatabase db = PgFixture.database("query_stream_it");
        Vertx vertx = Vertx.vertx();
        RegistryServer registry = RegistryServer.start(vertx, 0, Files.createTempDirectory("registry-")).await();
        String registryUrl = "http://127.0.0.1:" + registry.port();
        QueryConfig cfg = QueryConfig.fromEnv(io.agentpulse.query.TestHttp.env(Map.of(
                "AGENTPULSE_DB_URL", db.jdbcUrl(), "AGENTPULSE_DB_USER", db.user(), "AGENTPULSE_DB_PASSWORD", db.password(),
                "AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(), "AGENTPULSE_REGISTRY_URL", registryUrl)));
        QueryApiServer server = QueryApiServer.start(vertx, cfg, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (KafkaProducer<String, WindowRollup> producer = new KafkaProducer<>(props, new StringSerializer(),
                new AvroSerializer<>(HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, registryUrl)))));
             SseClientStream client = new SseClientStream(server.port(), "?grp=all", null).read()) {
            long[] n = {0};
            // The feed starts at the end of the topic once assigned: send until one arrives.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                WindowRollup r = TestRollups.rollup("all", "*", 120_000, ++n[0]);
                producer.send(new ProducerRecord<>(Topics.ROLLUPS, RollupFrames.key(r), r)).get();
                return !client.data().isEmpty();
            });
            JsonObject frame = new JsonObject(client.data().get(0));
            assertThat(frame.getString("grp")).isEqualTo("all");
            assertThat(frame.getLong("window_start")).isEqualTo(120_000L);
            assertThat(client.ids()).isNotEmpty();
        } finally {
            server.close().await();
            registry.close().await();
            vertx.close().await();
        }
    }
}
