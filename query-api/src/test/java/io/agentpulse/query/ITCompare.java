package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ?compare=previous over real PostgreSQL, endpoint by endpoint: the previous figures equal the
 * exact figures of [from - (to - from), from) computed from the raw events; CSV has the columns; a
 * bad value is a 400 naming the field.
 */
class ITCompare {
    static final TestFleet FLEET = new TestFleet(200, 12, 29);
    static final long M = 60_000L;
    static final long FROM = TestFleet.T0 + 100 * M;
    static final long TO = TestFleet.T0 + 190 * M;
    static final long PREV_FROM = FROM - (TO - FROM);
    static final String RANGE = "from=" + FROM + "&to=" + TO + "&compare=previous";
    static Vertx vertx;
    static QueryApiServer server;

    @BeforeAll
    static void start() throws Exception {
        PgDatabase db = PgFixture.database("compare_it");
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

    private static List<TestFleet.Event> previous(Filters f) {
        return FLEET.select(f, PREV_FROM, FROM);
    }

    private static List<TestFleet.Event> current(Filters f) {
        return FLEET.select(f, FROM, TO);
    }

    @Test
    void summaryHasThePreviousPeriodsExactSumsAndItsOwnPercentiles() throws Exception {
        JsonObject s = TestHttp.json(server.port(), "/api/v1/summary?" + RANGE + "&model=m2");
        List<TestFleet.Event> prev = previous(new Filters(null, "m2", null));
        long now = current(new Filters(null, "m2", null)).size();
        assertThat(s.getLong("count")).isEqualTo(now);
        assertThat(s.getLong("previous_count")).isEqualTo(prev.size());
        assertThat(s.getLong("delta_count")).isEqualTo(now - prev.size());
        assertThat(s.getDouble("delta_pct_count")).isCloseTo((double) (now - prev.size()) / prev.size(), within(1e-12));
        assertThat(s.getLong("previous_errors")).isEqualTo(prev.stream().filter(TestFleet.Event::error).count());
        assertThat(s.getDouble("previous_cost_usd")).isCloseTo(prev.stream().mapToDouble(TestFleet.Event::cost).sum(), within(1e-9));
        double[] p95 = TestFleet.exactBracket(prev, 0.95);
        assertThat(s.getJsonObject("previous_latency_ms").getDouble("p95")).isBetween(p95[0] * 0.99, p95[1] * 1.01);
        assertThat(s.getJsonObject("delta_latency_ms").getDouble("p95")).isCloseTo(
                s.getJsonObject("latency_ms").getDouble("p95") - s.getJsonObject("previous_latency_ms").getDouble("p95"), within(1e-9));
        assertThat(s.getJsonObject("compare").getLong("from")).isEqualTo(PREV_FROM);
        assertThat(s.getJsonObject("compare").getLong("to")).isEqualTo(FROM);
    }

    @Test
    void agentsModelsAndAgentRowsArePairedByKey() throws Exception {
        JsonArray agents = TestHttp.json(server.port(), "/api/v1/agents?" + RANGE).getJsonArray("agents");
        assertThat(agents.size()).isEqualTo(TestFleet.AGENTS.size());
        for (Object o : agents) {
            JsonObject r = (JsonObject) o;
            Filters f = new Filters(r.getString("agent_id"), null, null);
            assertThat(r.getLong("previous_count")).as(r.getString("agent_id")).isEqualTo(previous(f).size());
            assertThat(r.getLong("delta_count")).isEqualTo(current(f).size() - previous(f).size());
        }
        JsonArray models = TestHttp.json(server.port(), "/api/v1/models?" + RANGE + "&agent=a2").getJsonArray("models");
        for (Object o : models) {
            JsonObject r = (JsonObject) o;
            List<TestFleet.Event> prev = previous(new Filters("a2", r.getString("model"), null));
            assertThat(r.getDouble("previous_cost_usd")).isCloseTo(prev.stream().mapToDouble(TestFleet.Event::cost).sum(), within(1e-9));
            assertThat(r.getDouble("previous_error_rate")).isCloseTo(
                    (double) prev.stream().filter(TestFleet.Event::error).count() / prev.size(), within(1e-12));
        }
        JsonObject a1 = TestHttp.json(server.port(), "/api/v1/agents/a1?" + RANGE);
        assertThat(a1.getJsonObject("previous_totals").getLong("count")).isEqualTo(previous(new Filters("a1", null, null)).size());
        JsonObject byOp = a1.getJsonArray("by_operation").getJsonObject(0);
        assertThat(byOp.getLong("previous_count")).isEqualTo(previous(new Filters("a1", null, byOp.getString("operation"))).size());
    }

    @Test
    void costAndQualityCompareTheirFiguresTables() throws Exception {
        JsonObject cost = TestHttp.json(server.port(), "/api/v1/cost?" + RANGE);
        assertThat(cost.getDouble("previous_total_usd")).isCloseTo(
                previous(Filters.NONE).stream().mapToDouble(TestFleet.Event::cost).sum(), within(1e-9));
        assertThat(cost.containsKey("previous_today_usd")).isFalse(); // not a figure of the range
        for (Object o : cost.getJsonArray("by_agent")) {
            JsonObject r = (JsonObject) o;
            assertThat(r.getLong("previous_count")).isEqualTo(previous(new Filters(r.getString("agent_id"), null, null)).size());
        }
        JsonObject q = TestHttp.json(server.port(), "/api/v1/quality?" + RANGE);
        List<TestFleet.Event> prev = previous(Filters.NONE);
        long prevErrors = prev.stream().filter(TestFleet.Event::error).count();
        assertThat(q.getLong("previous_errors")).isEqualTo(prevErrors);
        assertThat(q.getDouble("previous_availability")).isCloseTo(1 - (double) prevErrors / prev.size(), within(1e-12));
        long step = q.getLong("step_ms");
        JsonObject row = q.getJsonArray("availability_series").getJsonObject(0);
        long prevBucket = row.getLong("t") - (Math.floorDiv(FROM, step) - Math.floorDiv(PREV_FROM, step)) * step;
        assertThat(row.getLong("previous_count")).isEqualTo(FLEET.select(Filters.NONE, prevBucket, prevBucket + step).size());
    }

    @Test
    void timeseriesSeriesCarryThePreviousBucketsOfTheSameKeys() throws Exception {
        JsonObject ts = TestHttp.json(server.port(), "/api/v1/timeseries?metric=tokens&group_by=agent&limit=2&step=30m&" + RANGE);
        JsonArray t = ts.getJsonArray("t");
        for (Object o : ts.getJsonArray("series")) {
            JsonObject s = (JsonObject) o;
            JsonArray previous = s.getJsonArray("previous");
            assertThat(previous.size()).isEqualTo(t.size());
            for (int i = 0; i < t.size(); i++) {
                long start = t.getLong(i) - 90 * M;
                long tokens = FLEET.select(new Filters(s.getString("key"), null, null), start, start + 30 * M).stream()
                        .mapToLong(e -> e.input() + e.output()).sum();
                assertThat(previous.getValue(i) == null ? 0.0 : previous.getDouble(i)).as(s.getString("key") + " " + i)
                        .isEqualTo((double) tokens);
            }
        }
    }

    @Test
    void csvHasPreviousDeltaAndDeltaPctColumnsAndBadValuesAre400() throws Exception {
        HttpResponse<String> csv = TestHttp.get(server.port(), "/api/v1/models?" + RANGE + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .contains("count,previous_count,delta_count,delta_pct_count", "previous_p95_ms", "delta_pct_cost_usd");
        HttpResponse<String> chart = TestHttp.get(server.port(), "/api/v1/timeseries?metric=cost&format=csv&" + RANGE);
        assertThat(chart.body().lines().findFirst().orElseThrow()).isEqualTo("t,all,previous_all,delta_all,delta_pct_all");
        HttpResponse<String> bad = TestHttp.get(server.port(), "/api/v1/cost?from=" + FROM + "&to=" + TO + "&compare=lastyear");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(bad.body());
        assertThat(body.getString("field")).isEqualTo("compare");
        assertThat(body.getString("reason")).isEqualTo("unknown-compare");
    }
}
