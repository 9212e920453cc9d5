package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.embedded.EmbeddedKafka;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.embedded.KafkaOptions;
import io.agentpulse.embedded.PostgresOptions;
import io.agentpulse.embedded.TimescaleDb;
import io.agentpulse.embedded.tls.TestCa;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayDbConfig;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.gateway.KeyStoreFactory;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.processor.ProcessorMain;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.ApiKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL with TLS for real: Debian's PostgreSQL with ssl=on and a hostssl-only pg_hba.conf, the
 * services as deployed (ProcessorMain with Hikari, pgjdbc and Flyway; the query API's and the gateway's
 * vertx-pg-client pools) on {@code AGENTPULSE_DB_URL=...?sslmode=verify-full&sslrootcert=<test CA>}.
 * Events go in at the gateway and come out of /api/v1/summary; a CA that did not sign the server's
 * certificate, or a certificate for another host, stops each service at start with a sentence.
 */
class ITPostgresTls {
    private static final String INGEST_KEY = ApiKeys.generate().token();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static TestCa ca;
    static EmbeddedPostgres pg;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static RegistryServer registry;

    /**
     * Debian's PostgreSQL with TimescaleDB preloaded, as production runs it, where that is installed
     * (always in CI: TimescaleDb.binDir fails there without it); zonky's build elsewhere.
     */
    static PostgresOptions production() {
        PostgresOptions fast = PostgresOptions.fastForTests();
        return TimescaleDb.binDir().isPresent() ? fast.withTimescaleDb() : fast;
    }

    @BeforeAll
    static void start() {
        ca = TestCa.create(dir, "pg-test-ca");
        TestCa.Issued cert = ca.issueServer(dir, "pg-server");
        pg = EmbeddedPostgres.start(dir.resolve("pg"), 0, production().withTls(cert.certFile(), cert.keyFile()));
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, KafkaOptions.defaults().withMaxHeap("384m"));
        vertx = Vertx.vertx();
        registry = RegistryServer.start(vertx, 0, dir.resolve("registry")).await();
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void everyServiceRunsOnVerifyFullAndEventsReachTheSummary() throws Exception {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl() + "?user=" + pg.user() + "&sslmode=disable"))
                .as("the server takes TLS connections only").isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
        Map<String, String> env = env(pg, ca.caFile());
        PrometheusMeterRegistry metrics = OpsMetrics.registry();
        try (ProcessorMain processor = ProcessorMain.start(env)) {
            QueryApiServer query = QueryApiServer.start(vertx, QueryConfig.fromEnv(env), metrics).await();
            ApiKeyStore keys = KeyStoreFactory.openChecked(vertx, GatewayDbConfig.fromEnv(env), Clock.systemUTC()).await();
            GatewayConfig gatewayConfig = GatewayConfig.fromEnv(env);
            try (KafkaEventPublisher publisher = KafkaEventPublisher.create(gatewayConfig.kafka(), gatewayConfig.sendTimeout(),
                    HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(env)), metrics)) {
                GatewayServer gateway = GatewayServer.start(vertx, gatewayConfig, LimitsConfig.fromEnv(env), publisher, keys,
                        metrics, Clock.systemUTC()).await();
                Instant t0 = Instant.now().minusSeconds(5);
                PipelineFixture events = new PipelineFixture("tls", 200, t0, 7);
                // the gateway adopts AGENTPULSE_BOOTSTRAP_INGEST_KEY into PostgreSQL (over TLS) before it is ready
                await().atMost(Duration.ofSeconds(60)).until(() -> post(gateway, events) == 202);
                String queryUrl = "http://127.0.0.1:" + query.port();
                JsonNode s = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> summary(queryUrl, t0), n -> n.path("count").asLong() == 200);
                assertThat(s.path("input_tokens").asLong()).isEqualTo(events.inputTokens);
                assertThat(sessions()).as("sessions on the agentpulse database: with TLS, without")
                        .satisfies(n -> assertThat(n[0]).isGreaterThan(2)).satisfies(n -> assertThat(n[1]).isZero());
                gateway.close().await();
            }
            query.close().await();
        }
    }

    @Test
    void aCaThatDidNotSignTheServerStopsEveryServiceAtStartWithASentence() {
        Map<String, String> env = env(pg, TestCa.create(dir, "other-ca").caFile());
        String sentence = "PostgreSQL's certificate was not signed by the certificate authority in the sslrootcert"
                + " parameter of AGENTPULSE_DB_URL";
        assertThatThrownBy(() -> ProcessorMain.start(env)).isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
        assertThatThrownBy(() -> QueryApiServer.start(vertx, QueryConfig.fromEnv(env), OpsMetrics.registry()).await())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
        assertThatThrownBy(() -> KeyStoreFactory.openChecked(vertx, GatewayDbConfig.fromEnv(env), Clock.systemUTC()).await())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
    }

    @Test
    void aCertificateForAnotherHostFailsVerifyFull() {
        TestCa.Issued elsewhere = ca.issueServer(dir, "db-example", "db.example");
        try (EmbeddedPostgres other = EmbeddedPostgres.start(dir.resolve("pg-elsewhere"), 0,
                production().withTls(elsewhere.certFile(), elsewhere.keyFile()))) {
            Map<String, String> env = env(other, ca.caFile());
            String sentence = "PostgreSQL's certificate does not name the host in AGENTPULSE_DB_URL";
            assertThatThrownBy(() -> ProcessorMain.start(env)).isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
            assertThatThrownBy(() -> QueryApiServer.start(vertx, QueryConfig.fromEnv(env), OpsMetrics.registry()).await())
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
            assertThatThrownBy(() -> KeyStoreFactory.openChecked(vertx, GatewayDbConfig.fromEnv(env), Clock.systemUTC()).await())
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(sentence);
        }
    }

    /** What a deployment sets: every service reads the same AGENTPULSE_DB_URL with sslmode and sslrootcert. */
    private static Map<String, String> env(EmbeddedPostgres server, Path rootCert) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DB_URL", server.jdbcUrl() + "?sslmode=verify-full&sslrootcert=" + rootCert);
        env.put("AGENTPULSE_DB_USER", server.user());
        env.put("AGENTPULSE_DB_PASSWORD", server.password());
        env.put("AGENTPULSE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put(RegistrySettings.URL, "http://127.0.0.1:" + registry.port());
        env.put("AGENTPULSE_PROCESSOR_STATE_DIR", dir.resolve("streams").toString());
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY);
        QueryLogin.configure(env);
        for (String port : new String[] {"AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        return env;
    }

    private static int post(GatewayServer gateway, PipelineFixture events) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(PipelineFixture.json(events.events))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode summary(String queryUrl, Instant t0) throws Exception {
        String path = "/api/v1/summary?from=" + t0.minusSeconds(60).toEpochMilli() + "&to=" + t0.plusSeconds(120).toEpochMilli();
        HttpResponse<String> r = HTTP.send(QueryLogin.get(HTTP, queryUrl, path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Sessions on the agentpulse database now: {with TLS, without}; the services' pools and this one. */
    private static long[] sessions() throws SQLException {
        String url = pg.jdbcUrl() + "?user=" + pg.user() + "&sslmode=verify-full&sslrootcert=" + ca.caFile();
        try (Connection c = DriverManager.getConnection(url);
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER"
                     + " (WHERE NOT s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = 'agentpulse'")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }
}
