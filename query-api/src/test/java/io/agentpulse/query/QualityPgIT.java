package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.SinkWriter;
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

/**
 * GET /api/v1/quality over real PostgreSQL: user feedback comes from the rollups of every table (written
 * by the processor's own sink), so 30 days and a year answer although no raw FEEDBACK event of the
 * fleets exists; the distribution, rated share and trend are exact; CSV tables; a score's rated call
 * is found by its trace and span.
 */
class QualityPgIT {
    static final long D = 86_400_000L;
    static Vertx vertx;
    static QueryApiServer server;

    @BeforeAll
    static void start() throws Exception {
        PgDatabase db = PgFixture.database("quality_it");
        SinkWriter.write(db); // rollups of 1m .. 4w of two fleets 74 days apart, raw calls, the dashboard contract's events
        vertx = Vertx.vertx();
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_DB_URL", db.jdbcUrl(),
                "AGENTPULSE_DB_USER", db.user(), "AGENTPULSE_DB_PASSWORD", db.password(),
                "AGENTPULSE_QUERY_FILLED_TABLES", "5m,1h,1d,1w,4w")));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    /** The expected answer from the raw data: count, sum, histogram and calls. */
    private record Expected(long count, double sum, long[] histogram, long calls) {
        static Expected of(List<TestFleet> fleets, Filters f, long from, long to) {
            long count = 0;
            double sum = 0;
            long calls = 0;
            long[] h = new long[10];
            for (TestFleet fleet : fleets) {
                for (TestFleet.Score s : fleet.selectScores(f, from, to)) {
                    count++;
                    sum += s.score();
                    h[Math.min(9, (int) (s.score() * 10))]++;
                }
                calls += fleet.select(f, from, to).size();
            }
            return new Expected(count, sum, h, calls);
        }
    }

    private static void assertFeedback(JsonObject q, Expected e, String as) {
        assertThat(q.getLong("feedback_count")).as(as).isEqualTo(e.count()).isPositive();
        assertThat(q.getDouble("feedback_mean")).as(as).isCloseTo(e.sum() / e.count(), offset(1e-9));
        assertThat(q.getDouble("rated_share")).as(as).isCloseTo((double) e.count() / e.calls(), offset(1e-12));
        JsonArray dist = q.getJsonArray("feedback_distribution");
        assertThat(dist).hasSize(10);
        for (int i = 0; i < 10; i++) {
            JsonObject b = dist.getJsonObject(i);
            assertThat(b.getDouble("from")).isEqualTo(i / 10.0);
            assertThat(b.getLong("count")).as(as + " bucket " + i).isEqualTo(e.histogram()[i]);
        }
        JsonArray trend = q.getJsonArray("feedback");
        assertThat(trend.stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum()).as(as + " trend").isEqualTo(e.count());
        assertThat(trend.stream().mapToLong(o -> ((JsonObject) o).getLong("calls")).sum()).as(as + " trend").isEqualTo(e.calls());
    }

    @Test
    void thirtyDaysAndAYearAnswerFromTheRollups() throws Exception {
        long to = TestFleet.T0 + D;
        JsonObject month = TestHttp.json(server.port(), "/api/v1/quality?from=" + (to - 30 * D) + "&to=" + to);
        assertFeedback(month, Expected.of(List.of(SinkWriter.RECENT), Filters.NONE, to - 30 * D, to), "30 days");
        JsonObject year = TestHttp.json(server.port(), "/api/v1/quality?from=" + (to - 365 * D) + "&to=" + to);
        assertFeedback(year, Expected.of(List.of(SinkWriter.RECENT, SinkWriter.OLD_FLEET), Filters.NONE, to - 365 * D, to), "a year");
        assertThat(year.getLong("feedback_count")).as("the old fleet's scores, 74 days back, count too")
                .isGreaterThan(month.getLong("feedback_count"));
        JsonObject agent = TestHttp.json(server.port(), "/api/v1/quality?agent=a3&from=" + (to - 365 * D) + "&to=" + to);
        assertFeedback(agent, Expected.of(List.of(SinkWriter.RECENT, SinkWriter.OLD_FLEET), new Filters("a3", null, null),
                to - 365 * D, to), "a year of a3");
    }

    @Test
    void aRangeOfMinuteEdgesAndAnEmptyRange() throws Exception {
        long from = TestFleet.T0 + 7 * 60_000L;
        long to = TestFleet.T0 + 83 * 60_000L;
        JsonObject q = TestHttp.json(server.port(), "/api/v1/quality?from=" + from + "&to=" + to + "&model=m2&operation=chat");
        assertFeedback(q, Expected.of(List.of(SinkWriter.RECENT), new Filters(null, "m2", "chat"), from, to), "minutes of m2/chat");
        JsonObject empty = TestHttp.json(server.port(), "/api/v1/quality?from=" + (TestFleet.T0 + 10 * D) + "&to=" + (TestFleet.T0 + 11 * D));
        assertThat(empty.getLong("feedback_count")).isZero();
        assertThat(empty.getValue("feedback_mean")).isNull();
        assertThat(empty.getValue("rated_share")).isNull();
        assertThat(empty.getJsonArray("feedback")).isEmpty();
        assertThat(empty.getJsonArray("feedback_distribution")).hasSize(10);
    }

    @Test
    void csvTablesOfTheDistributionAndTheTrend() throws Exception {
        long to = TestFleet.T0 + D;
        String base = "/api/v1/quality?from=" + (to - 30 * D) + "&to=" + to + "&format=csv";
        var dist = TestHttp.get(server.port(), base + "&table=feedback_distribution");
        assertThat(dist.statusCode()).isEqualTo(200);
        List<String> lines = dist.body().lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("from,to,count,share");
        Expected e = Expected.of(List.of(SinkWriter.RECENT), Filters.NONE, to - 30 * D, to);
        assertThat(lines.get(10)).startsWith("0.9,1.0," + e.histogram()[9] + ",");
        var trend = TestHttp.get(server.port(), base + "&table=feedback");
        assertThat(trend.body().lines().findFirst().orElseThrow()).isEqualTo("t,count,mean_score,calls,rated_share");
    }

    @Test
    void aScoreLinksToTheCallItRates() throws Exception {
        long t0 = 1_790_000_040_000L; // the dashboard contract's events: f3 scores e30 (trace t7, span s30)
        JsonArray scores = TestHttp.json(server.port(), "/api/v1/events?kind=feedback&from=" + t0 + "&to=" + (t0 + 60_000))
                .getJsonArray("events");
        JsonObject f3 = scores.stream().map(o -> (JsonObject) o).filter(o -> o.getString("event_id").equals("f3")).findFirst().orElseThrow();
        assertThat(f3.getDouble("feedback_score")).isEqualTo(0.75);
        String link = "/api/v1/events?from=" + (f3.getLong("event_time") - D) + "&to=" + (f3.getLong("event_time") + 60_000)
                + "&agent=" + f3.getString("agent_id") + "&trace_id=" + f3.getString("trace_id") + "&span_id=" + f3.getString("span_id");
        JsonArray rated = TestHttp.json(server.port(), link).getJsonArray("events");
        assertThat(rated).hasSize(1);
        assertThat(rated.getJsonObject(0).getString("event_id")).isEqualTo("e30");
        var tooLong = TestHttp.get(server.port(), "/api/v1/events?trace_id=" + "x".repeat(300));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("trace_id");
    }
}
