package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.EventRow;
import io.agentpulse.query.store.InMemoryEventReader;
import io.agentpulse.query.store.InMemoryLayoutStore;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.TestFleet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard endpoints over in-memory stores: shapes, CSV = JSON, 404s, layouts, hostile names. */
class DashboardRoutesTest {
    static final TestFleet FLEET = new TestFleet(120, 10, 7);
    static final long FROM = TestFleet.T0;
    static final long TO = TestFleet.T0 + 120 * 60_000L;
    static final String EVIL = "<img src=x onerror=alert(1)>";
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        InMemoryRollupReader reader = new InMemoryRollupReader();
        FLEET.rows().forEach(reader::put);
        InMemoryEventReader events = new InMemoryEventReader();
        for (int i = 0; i < 30; i++) {
            events.add(new EventRow("ev" + i, FROM + i * 60_000L, i % 2 == 0 ? EVIL : "a1", "SPAN", null, "m1", null, "chat",
                    10.0 * i, null, 1L, 2L, 0L, 0L, 0.01, i % 3 == 0 ? "ERROR" : "OK", i % 3 == 0 ? "=cmd|x" : null,
                    null, null, null, null, null, null, null, Map.of("a", "b,c")));
        }
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of()));
        server = QueryApiServer.start(vertx, cfg, reader, new DashboardStores(events, new InMemoryLayoutStore()),
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.fixed(Instant.ofEpochMilli(TO), ZoneOffset.UTC)).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    static String range() {
        return "from=" + FROM + "&to=" + TO;
    }

    @Test
    void agentsTableMatchesSummaryAndCsvEqualsJson() throws Exception {
        JsonObject agents = TestHttp.json(port, "/api/v1/agents?" + range());
        JsonObject summary = TestHttp.json(port, "/api/v1/summary?" + range());
        JsonArray rows = agents.getJsonArray("agents");
        long sum = rows.stream().mapToLong(r -> ((JsonObject) r).getLong("count")).sum();
        assertThat(sum).isEqualTo(summary.getLong("count"));
        String csv = TestHttp.get(port, "/api/v1/agents?" + range() + "&format=csv").body();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[0]).startsWith("agent_id,count,errors,error_rate,p50_ms");
        JsonObject first = rows.getJsonObject(0);
        assertThat(lines[1]).startsWith(first.getString("agent_id") + "," + first.getLong("count") + "," + first.getLong("errors"));
    }

    @Test
    void modelsCostQualityOverviewAnswer() throws Exception {
        JsonObject models = TestHttp.json(port, "/api/v1/models?" + range());
        assertThat(models.getJsonArray("models")).isNotEmpty();
        JsonObject cost = TestHttp.json(port, "/api/v1/cost?" + range());
        double byDay = cost.getJsonObject("by_day").getJsonArray("series").stream()
                .flatMap(s -> ((JsonObject) s).getJsonArray("values").stream()).mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertThat(byDay).isCloseTo(cost.getDouble("total_usd"), org.assertj.core.data.Offset.offset(1e-6));
        String dayCsv = TestHttp.get(port, "/api/v1/cost?" + range() + "&format=csv&table=by_day").body();
        assertThat(dayCsv.split("\r\n")[0]).startsWith("t,");
        JsonObject q = TestHttp.json(port, "/api/v1/quality?" + range());
        assertThat(q.getDouble("objective")).isEqualTo(0.995);
        assertThat(q.getDouble("burn_rate")).isCloseTo((1 - q.getDouble("availability")) / 0.005, org.assertj.core.data.Offset.offset(1e-9));
        JsonObject o = TestHttp.json(port, "/api/v1/overview");
        assertThat(o.getString("health")).isIn("green", "yellow", "red");
    }

    @Test
    void eventsFilterPageAndDetail() throws Exception {
        JsonObject page = TestHttp.json(port, "/api/v1/events?" + range() + "&status=error&limit=3");
        assertThat(page.getJsonArray("events")).hasSize(3);
        assertThat(page.getBoolean("has_more")).isTrue();
        JsonObject e = TestHttp.json(port, "/api/v1/events/ev0");
        assertThat(e.getString("agent_id")).isEqualTo(EVIL);
        assertThat(TestHttp.get(port, "/api/v1/events/nope").statusCode()).isEqualTo(404);
        assertThat(TestHttp.get(port, "/api/v1/events?" + range() + "&status=bogus").statusCode()).isEqualTo(400);
        String csv = TestHttp.get(port, "/api/v1/events?" + range() + "&status=error&format=csv").body();
        assertThat(csv).contains("\"'=cmd|x\"").contains("\"b,c\"");
        JsonObject agent = TestHttp.json(port, "/api/v1/agents/" + java.net.URLEncoder.encode(EVIL, "UTF-8").replace("+", "%20") + "?" + range());
        assertThat(agent.getJsonArray("recent_errors")).isNotEmpty();
        assertThat(TestHttp.get(port, "/api/v1/agents/ghost?" + range()).statusCode()).isEqualTo(404);
    }

    @Test
    void layoutsAreSavedPerUser() throws Exception {
        assertThat(TestHttp.json(port, "/api/v1/layouts/me").getValue("layout")).isNull();
        HttpResponse<String> put = TestHttp.send(port, "PUT", "/api/v1/layouts/admin", "{\"panels\":[\"cost\",\"health\"]}");
        assertThat(put.statusCode()).isEqualTo(200);
        JsonObject mine = TestHttp.json(port, "/api/v1/layouts/me");
        assertThat(mine.getString("user")).isEqualTo("admin");
        assertThat(mine.getJsonObject("layout").getJsonArray("panels").getList()).containsExactly("cost", "health");
        assertThat(TestHttp.send(port, "PUT", "/api/v1/layouts/me", "[1]").statusCode()).isEqualTo(400);
        // someone else's layout is neither readable nor writable
        assertThat(TestHttp.get(port, "/api/v1/layouts/ops").statusCode()).isEqualTo(403);
        assertThat(TestHttp.send(port, "PUT", "/api/v1/layouts/ops", "{}").statusCode()).isEqualTo(403);
    }
}
