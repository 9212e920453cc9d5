package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.InMemoryCallGraphReader;
import io.agentpulse.query.store.InMemoryEventReader;
import io.agentpulse.query.store.InMemoryHostReader;
import io.agentpulse.query.store.InMemoryLayoutStore;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.contract.sketch.SketchCodec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/graph and /api/v1/graph/calls over an in-memory call graph: nodes, agent counts, edges with
 * rate, error rate and p95, CSV of the edges, an edge's calls, 400 naming the field, hostile names as data.
 */
class GraphRoutesTest {
    static final long T0 = Instant.parse("2026-03-05T10:00:00Z").toEpochMilli();
    static final long MIN = 60_000;
    static final String EVIL = "=cmd|'/c calc'!A1 <img src=x onerror=alert(1)>";
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        InMemoryCallGraphReader calls = new InMemoryCallGraphReader();
        DDSketch s = SketchCodec.newSketch();
        for (int i = 1; i <= 100; i++) {
            s.accept(i * 10.0); // 10 .. 1000 ms: p95 = 950 ms (within 1%)
        }
        calls.add(new InMemoryCallGraphReader.Minute(EVIL, "search", T0, 100, 5, 100, 50_500, 1000.0, SketchCodec.encode(s)));
        calls.add(new InMemoryCallGraphReader.Minute("search", "db", T0 + MIN, 30, 0, 0, 0, null, SketchCodec.encode(SketchCodec.newSketch())));
        calls.add(new InMemoryCallGraphReader.Span("p1", T0, EVIL, "t1", "s1", null, "invoke_agent", 900.0, "OK", null));
        calls.add(new InMemoryCallGraphReader.Span("c1", T0 + 1000, "search", "t1", "s2", "s1", "invoke_agent", 120.0, "ERROR", "timeout"));
        calls.agent(EVIL, T0, T0 + 5000).agent("search", T0, T0 + 5000).agent("db", T0, T0 + 5000).agent("idle", T0 - 86_400_000L, T0 - 86_000_000L);
        vertx = Vertx.vertx();
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of()));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupReader(),
                new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore(), new InMemoryHostReader(), calls),
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.fixed(Instant.ofEpochMilli(T0 + 10 * MIN), ZoneOffset.UTC)).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void theGraphHasNodesAgentCountsAndEdgesWithRateErrorRateAndP95() throws Exception {
        JsonObject body = TestHttp.json(port, "/api/v1/graph?from=" + T0 + "&to=" + (T0 + 10 * MIN));
        assertThat(body.getJsonObject("agents").getMap()).containsEntry("in_graph", 3).containsEntry("active", 3).containsEntry("total", 4);
        JsonArray nodes = body.getJsonArray("nodes");
        assertThat(nodes.stream().map(n -> ((JsonObject) n).getString("agent_id"))).containsExactly(EVIL, "db", "search");
        JsonObject search = nodes.getJsonObject(2);
        assertThat(search.getLong("calls_in")).isEqualTo(100);
        assertThat(search.getLong("calls_out")).isEqualTo(30);
        assertThat(search.getLong("errors_in")).isEqualTo(5);
        JsonObject e = body.getJsonArray("edges").getJsonObject(0);
        assertThat(e.getString("caller")).isEqualTo(EVIL);
        assertThat(e.getLong("calls")).isEqualTo(100);
        assertThat(e.getDouble("rate_per_min")).isCloseTo(10.0, within(1e-9));
        assertThat(e.getDouble("error_rate")).isCloseTo(0.05, within(1e-12));
        assertThat(e.getDouble("p95_ms")).isCloseTo(950.0, within(9.5));
        assertThat(e.getDouble("avg_ms")).isCloseTo(505.0, within(1e-9));
        JsonObject noLatency = body.getJsonArray("edges").getJsonObject(1);
        assertThat(noLatency.getValue("p95_ms")).isNull();
        assertThat(noLatency.getValue("max_ms")).isNull();
    }

    @Test
    void theEdgeTableExportsAsCsvWithHostileNamesDefused() throws Exception {
        HttpResponse<String> r = TestHttp.get(port, "/api/v1/graph?from=" + T0 + "&to=" + (T0 + 10 * MIN) + "&format=csv&table=edges");
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().split("\r?\n");
        assertThat(lines[0]).startsWith("caller,callee,calls,errors,rate_per_min");
        assertThat(lines[1]).startsWith("\"'=cmd|'/c calc'!A1 <img src=x onerror=alert(1)>\",search,100,5,");
    }

    @Test
    void anEdgesCallsListTheCalleeSpansWithTheirParents() throws Exception {
        JsonObject body = TestHttp.json(port, "/api/v1/graph/calls?from=" + T0 + "&to=" + (T0 + 10 * MIN) + "&caller="
                + URLEncoder.encode(EVIL, StandardCharsets.UTF_8) + "&callee=search");
        assertThat(body.getString("caller")).isEqualTo(EVIL);
        assertThat(body.getBoolean("has_more")).isFalse();
        JsonObject c = body.getJsonArray("calls").getJsonObject(0);
        assertThat(c.getString("event_id")).isEqualTo("c1");
        assertThat(c.getString("parent_event_id")).isEqualTo("p1");
        assertThat(c.getLong("time")).isEqualTo(T0 + 1000);
        assertThat(c.getDouble("latency_ms")).isEqualTo(120.0);
        assertThat(c.getString("status")).isEqualTo("ERROR");
        assertThat(c.getString("error_type")).isEqualTo("timeout");
    }

    @Test
    void badParametersAnswer400NamingTheField() throws Exception {
        HttpResponse<String> missing = TestHttp.get(port, "/api/v1/graph/calls?callee=search");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(missing.body()).getMap()).containsEntry("field", "caller").containsEntry("reason", "missing");
        HttpResponse<String> range = TestHttp.get(port, "/api/v1/graph?from=" + T0 + "&to=" + T0);
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(range.body()).getString("field")).isEqualTo("from");
        HttpResponse<String> limit = TestHttp.get(port, "/api/v1/graph/calls?caller=a&callee=b&limit=0");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(limit.body()).getString("field")).isEqualTo("limit");
    }
}
