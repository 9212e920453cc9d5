package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.TestFleet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole server over real PostgreSQL: config from AGENTPULSE_* variables, answers exact. */
class QueryApiPgIT {
    static final TestFleet FLEET = new TestFleet(100, 15, 11);
    static final long FROM = TestFleet.T0 + 7 * 60_000L;
    static final long TO = TestFleet.T0 + 93 * 60_000L;
    static Vertx vertx;
    static QueryApiServer server;

    @BeforeAll
    static void start() throws Exception {
        PgDatabase db = PgFixture.database("query_api_it");
        PgFixture.insert(db, FLEET.rows());
        vertx = Vertx.vertx();
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of(
                "AGENTPULSE_DB_URL", db.jdbcUrl(), "AGENTPULSE_DB_USER", db.user(), "AGENTPULSE_DB_PASSWORD", db.password())));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void readyWhenTheDatabaseAnswers() {
        await().until(() -> TestHttp.get(server.port(), "/readyz").statusCode() == 200);
    }

    @Test
    void summaryIsExactForEveryGroup() throws Exception {
        for (String filter : List.of("", "&agent=a3", "&model=m1", "&operation=chat", "&agent=a1&operation=embeddings")) {
            JsonObject s = TestHttp.json(server.port(), "/api/v1/summary?from=" + FROM + "&to=" + TO + filter);
            Filters f = new Filters(param(filter, "agent"), param(filter, "model"), param(filter, "operation"));
            List<TestFleet.Event> raw = FLEET.select(f, FROM, TO);
            assertThat(s.getLong("count")).as(filter).isEqualTo(raw.size());
            assertThat(s.getLong("errors")).isEqualTo(raw.stream().filter(TestFleet.Event::error).count());
            assertThat(s.getLong("input_tokens")).isEqualTo(raw.stream().mapToLong(TestFleet.Event::input).sum());
            assertThat(s.getLong("output_tokens")).isEqualTo(raw.stream().mapToLong(TestFleet.Event::output).sum());
            for (String p : List.of("p50", "p95", "p99")) {
                double q = Integer.parseInt(p.substring(1)) / 100.0;
                double[] exact = TestFleet.exactBracket(raw, q);
                assertThat(s.getJsonObject("latency_ms").getDouble(p)).as(p + filter)
                        .isBetween(exact[0] * 0.99, exact[1] * 1.01);
            }
        }
    }

    @Test
    void timeseriesOverPostgres() throws Exception {
        JsonObject ts = TestHttp.json(server.port(), "/api/v1/timeseries?metric=tokens&group_by=model&from="
                + TestFleet.T0 + "&to=" + (TestFleet.T0 + 100 * 60_000L) + "&step=20m");
        JsonArray series = ts.getJsonArray("series");
        assertThat(series.size()).isEqualTo(2);
        assertThat(ts.getJsonArray("t").size()).isEqualTo(5);
        for (int i = 0; i < series.size(); i++) {
            JsonObject s = series.getJsonObject(i);
            long first = FLEET.select(new Filters(null, s.getString("key"), null), TestFleet.T0, TestFleet.T0 + 1_200_000L)
                    .stream().mapToLong(e -> e.input() + e.output()).sum();
            assertThat(s.getJsonArray("values").getDouble(0)).isEqualTo((double) first);
        }
    }

    @Test
    void withoutADatabaseNotReadyAndQueriesAnswer503() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of(
                "AGENTPULSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + deadPort + "/nothing")));
        QueryApiServer down = QueryApiServer.start(vertx, cfg, new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
        try {
            assertThat(TestHttp.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + down.port() + "/readyz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            // the session store lives in the same database: a logged-in caller gets 503, an anonymous one 401
            var r = TestHttp.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + down.port() + "/api/v1/summary")).header("Cookie", "ap_session=x").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(r.body()).getString("reason")).isEqualTo("auth-unavailable");
            assertThat(TestHttp.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + down.port() + "/healthz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            down.close().await();
        }
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return null;
    }
}
