package io.agentpulse.query.alert;

import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.query.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Two query APIs on a real broker (their full wiring: Kafka feeds, registry, PostgreSQL). Clients
 * attach to A; A is closed; transitions are produced while they reconnect to B with A's
 * Last-Event-ID; B's ring holds only 5 transitions, so B reads the gap back from Kafka. Every
 * client must receive every transition exactly once, in offset order per partition.
 */
class ITSseAlertFailover {
    static final int CLIENTS = 20;

    @Test
    void clientsOfAClosedInstanceResumeOnAnotherAndMissNothing() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.createTopics(3, Topics.ALERTS);
        PgDatabase db = io.agentpulse.query.store.PgFixture.database("sse_failover_it"); // migrated: users, sessions
        Vertx vertx = Vertx.vertx();
        RegistryServer registry = RegistryServer.start(vertx, 0, Files.createTempDirectory("registry-")).await();
        String registryUrl = "http://127.0.0.1:" + registry.port();
        Map<String, String> env = TestHttp.env(Map.of("AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(),
                "AGENTPULSE_DB_URL", db.jdbcUrl(), "AGENTPULSE_DB_USER", db.user(), "AGENTPULSE_DB_PASSWORD", db.password(),
                "AGENTPULSE_REGISTRY_URL", registryUrl, "AGENTPULSE_QUERY_HOST", "127.0.0.1", "AGENTPULSE_QUERY_PORT", "0"));
        QueryApiServer a = QueryApiServer.start(vertx, QueryConfig.fromEnv(env),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
        env.put("AGENTPULSE_SSE_ALERT_REPLAY_SIZE", "5");
        PrometheusMeterRegistry metersB = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryApiServer b = QueryApiServer.start(vertx, QueryConfig.fromEnv(env), metersB).await();
        String run = "failover-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> bases = List.of("http://127.0.0.1:" + a.port(), "http://127.0.0.1:" + b.port());
        List<RecordMetadata> produced = new ArrayList<>();
        List<ResumingSseClient> clients = new ArrayList<>();
        try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, registryUrl)))))) {
            // both feeds positioned: a probe client on each instance sees a probe transition
            for (String base : bases) {
                try (ResumingSseClient probe = new ResumingSseClient(http, List.of(base), 200)) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        send(producer, "probe-" + UUID.randomUUID(), AlertState.PENDING);
                        return !probe.alerts("probe-").isEmpty();
                    });
                }
            }
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new ResumingSseClient(http, bases, 300));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.connections.get() == 1));
            for (int i = 0; i < 20; i++) {
                produced.add(send(producer, run + "before-" + i, AlertState.FIRING));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.alerts(run).size() == 20));
            a.close().await();
            for (int i = 0; i < 30; i++) {
                produced.add(send(producer, run + "away-" + i, i % 2 == 0 ? AlertState.RESOLVED : AlertState.FIRING));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.connections.get() >= 2));
            for (int i = 0; i < 10; i++) {
                produced.add(send(producer, run + "after-" + i, AlertState.FIRING));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> clients.stream().allMatch(c -> c.alerts(run).size() >= produced.size()));
            // a last transition on every partition: once a client has them, any duplicate of an earlier
            // one would have arrived before (order per partition), so the counts below are final
            for (int p = 0; p < 3; p++) {
                produced.add(producer.send(new ProducerRecord<>(Topics.ALERTS, p, run + "end-" + p,
                        TestAlerts.transition(run + "end-" + p, AlertState.RESOLVED))).get());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream()
                    .allMatch(c -> c.alerts(run + "end-").size() >= 3));
            Map<Integer, List<Long>> expected = new HashMap<>();
            produced.forEach(m -> expected.computeIfAbsent(m.partition(), k -> new ArrayList<>()).add(m.offset()));
            for (ResumingSseClient c : clients) {
                Map<Integer, List<Long>> got = new HashMap<>();
                c.alerts(run).forEach(g -> got.computeIfAbsent(g.partition(), k -> new ArrayList<>()).add(g.offset()));
                assertThat(got).as("offsets per partition, each exactly once and in order").isEqualTo(expected);
                assertThat(c.resets).isEmpty();
            }
            assertThat(metersB.counter("agentpulse_sse_alert_backfills_total", "outcome", "ok").count())
                    .as("B read the gap back from Kafka, in few batched reads").isBetween(1.0, (double) CLIENTS);
            System.out.printf("%d clients, %d transitions each, backfill reads on B: %.0f%n", CLIENTS, produced.size(),
                    metersB.counter("agentpulse_sse_alert_backfills_total", "outcome", "ok").count());
        } finally {
            for (ResumingSseClient c : clients) {
                c.close();
            }
            b.close().await();
            registry.close().await();
            vertx.close().await();
        }
    }

    private static RecordMetadata send(KafkaProducer<String, AlertEvent> producer, String fingerprint, AlertState state) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.ALERTS, fingerprint, TestAlerts.transition(fingerprint, state))).get();
    }
}
