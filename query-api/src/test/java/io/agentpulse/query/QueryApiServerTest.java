package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.sse.InMemoryRollupFeed;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST routes, ops routes and static files over the in-memory reader. */
class QueryApiServerTest {
    static final TestFleet FLEET = new TestFleet(120, 10, 7);
    static final long FROM = TestFleet.T0;
    static final long TO = TestFleet.T0 + 120 * 60_000L;
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        InMemoryRollupReader reader = new InMemoryRollupReader();
        FLEET.rows().forEach(reader::put);
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of()));
        Clock clock = Clock.fixed(Instant.ofEpochMilli(TO), ZoneOffset.UTC);
        server = QueryApiServer.start(vertx, cfg, reader, new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void summaryIsExact() throws Exception {
        JsonObject s = TestHttp.json(port, "/api/v1/summary?from=" + FROM + "&to=" + Instant.ofEpochMilli(TO) + "&model=m2");
        List<TestFleet.Event> raw = FLEET.select(new Filters(null, "m2", null), FROM, TO);
        assertThat(s.getLong("count")).isEqualTo(raw.size());
        assertThat(s.getLong("errors")).isEqualTo(raw.stream().filter(TestFleet.Event::error).count());
        assertThat(s.getDouble("error_rate")).isEqualTo((double) s.getLong("errors") / raw.size());
        assertThat(s.getLong("input_tokens")).isEqualTo(raw.stream().mapToLong(TestFleet.Event::input).sum());
        assertThat(s.getLong("output_tokens")).isEqualTo(raw.stream().mapToLong(TestFleet.Event::output).sum());
        assertThat(s.getDouble("cost_usd")).isCloseTo(raw.stream().mapToDouble(TestFleet.Event::cost).sum(),
                org.assertj.core.data.Offset.offset(1e-9));
        double[] p99 = TestFleet.exactBracket(raw, 0.99);
        assertThat(s.getJsonObject("latency_ms").getDouble("p99")).isBetween(p99[0] * 0.99, p99[1] * 1.01);
        assertThat(s.getLong("from")).isEqualTo(FROM);
        assertThat(s.getLong("to")).isEqualTo(TO);
    }

    @Test
    void summaryDefaultsToTheLastHourAndEmptyPercentilesAreNull() throws Exception {
        JsonObject s = TestHttp.json(port, "/api/v1/summary");
        assertThat(s.getLong("to")).isEqualTo(TO);
        assertThat(s.getLong("count")).isEqualTo(FLEET.select(Filters.NONE, TO - 3_600_000L, TO).size());
        JsonObject empty = TestHttp.json(port, "/api/v1/summary?from=0&to=60000");
        assertThat(empty.getLong("count")).isZero();
        assertThat(empty.getValue("error_rate")).isNull();
        assertThat(empty.getJsonObject("latency_ms").getValue("p50")).isNull();
    }

    @Test
    void badParametersAre400WithFieldAndReason() throws Exception {
        HttpResponse<String> r = TestHttp.get(port, "/api/v1/summary?from=soon");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("field")).isEqualTo("from");
        assertThat(body.getString("reason")).isEqualTo("not-a-time");
        assertThat(body.getString("error")).contains("soon");
        HttpResponse<String> t = TestHttp.get(port, "/api/v1/timeseries?metric=p95&step=7s");
        assertThat(t.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(t.body()).getString("field")).isEqualTo("step");
        assertThat(TestHttp.get(port, "/api/v1/timeseries").statusCode()).isEqualTo(400);
    }

    @Test
    void timeseriesIsColumnar() throws Exception {
        JsonObject ts = TestHttp.json(port, "/api/v1/timeseries?metric=requests&from=" + FROM + "&to=" + TO + "&step=10m");
        assertThat(ts.getString("metric")).isEqualTo("requests");
        assertThat(ts.getLong("step_ms")).isEqualTo(600_000L);
        JsonArray t = ts.getJsonArray("t");
        assertThat(t.size()).isEqualTo(12);
        assertThat(t.getLong(0)).isEqualTo(FROM);
        JsonArray series = ts.getJsonArray("series");
        assertThat(series.size()).isEqualTo(1);
        JsonObject all = series.getJsonObject(0);
        assertThat(all.getString("key")).isEqualTo("all");
        double perMinute = FLEET.select(Filters.NONE, FROM, FROM + 600_000L).size() / 10.0;
        assertThat(all.getJsonArray("values").getDouble(0)).isCloseTo(perMinute, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all.getJsonArray("values").size()).isEqualTo(12);
    }

    @Test
    void timeseriesAnswersSeveralMetricsInOneResponse() throws Exception {
        String range = "&from=" + FROM + "&to=" + TO + "&step=10m";
        JsonObject many = TestHttp.json(port, "/api/v1/timeseries?metric=requests,errors,p95,requests" + range);
        assertThat(many.getString("metric")).isEqualTo("requests,errors,p95");
        JsonArray series = many.getJsonArray("series");
        assertThat(series.stream().map(o -> ((JsonObject) o).getString("key"))).containsExactly("requests", "errors", "p95");
        for (int i = 0; i < series.size(); i++) {
            JsonObject one = TestHttp.json(port, "/api/v1/timeseries?metric=" + series.getJsonObject(i).getString("key") + range);
            assertThat(many.getJsonArray("t")).isEqualTo(one.getJsonArray("t"));
            assertThat(series.getJsonObject(i).getJsonArray("values"))
                    .as("the same figures as the one-metric answer").isEqualTo(one.getJsonArray("series").getJsonObject(0).getJsonArray("values"));
        }
        HttpResponse<String> grouped = TestHttp.get(port, "/api/v1/timeseries?metric=requests,p95&group_by=model" + range);
        assertThat(grouped.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(grouped.body()).getString("reason")).isEqualTo("one-metric-with-group-by");
        assertThat(TestHttp.get(port, "/api/v1/timeseries?metric=requests,,p95" + range).statusCode()).isEqualTo(400);
    }

    @Test
    void timeseriesGroupsByTopKeysWithNullGaps() throws Exception {
        JsonObject ts = TestHttp.json(port, "/api/v1/timeseries?metric=p95&group_by=agent&limit=2&from="
                + (FROM - 3_600_000L) + "&to=" + TO);
        assertThat(ts.getLong("step_ms")).isEqualTo(120_000L);
        JsonArray series = ts.getJsonArray("series");
        assertThat(series.size()).isEqualTo(2);
        JsonArray values = series.getJsonObject(0).getJsonArray("values");
        assertThat(values.size()).isEqualTo(ts.getJsonArray("t").size());
        assertThat(values.getValue(0)).as("an hour before the data: a gap").isNull();
        assertThat(values.getDouble(values.size() - 1)).isPositive();
    }

    @Test
    void opsRoutesAndStaticFiles() throws Exception {
        assertThat(TestHttp.get(port, "/healthz").statusCode()).isEqualTo(200);
        await().until(() -> TestHttp.get(port, "/readyz").statusCode() == 200);
        TestHttp.get(port, "/api/v1/summary");
        assertThat(TestHttp.get(port, "/metrics").body()).contains("agentpulse_query_requests_total");
        HttpResponse<String> index = TestHttp.get(port, "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Agent Pulse test page");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<String> asset = TestHttp.get(port, "/assets/app-3f2a9c1b.js");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable", "max-age=31536000");
    }
}
