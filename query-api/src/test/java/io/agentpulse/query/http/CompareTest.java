package io.agentpulse.query.http;

import io.agentpulse.query.export.Csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.TestFleet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** ?compare=previous: the arithmetic, the previous period's range, the merge of shapes, CSV columns (no network). */
class CompareTest {
    private static final long M = 60_000L;
    private static final long H = 3_600_000L;
    private static final long D = 86_400_000L;
    private static final long T0 = TestFleet.T0;

    @Test
    void deltaIsAbsoluteAndRelativeWithNullWhenThePreviousIsZeroOrAbsent() {
        assertThat(CompareMerge.delta(15L, 10L)).isEqualTo(5L);
        assertThat(CompareMerge.deltaPct(15L, 10L)).isEqualTo(0.5);
        assertThat(CompareMerge.delta(2.5, 10L)).isEqualTo(-7.5);
        assertThat(CompareMerge.deltaPct(2.5, 10L)).isEqualTo(-0.75);
        assertThat(CompareMerge.deltaPct(5L, 0L)).isNull();
        assertThat(CompareMerge.delta(5L, 0L)).isEqualTo(5L);
        assertThat(CompareMerge.delta(5L, null)).isNull();
        assertThat(CompareMerge.deltaPct(null, 3L)).isNull();
        assertThat(CompareMerge.deltaPct(0L, 4L)).isEqualTo(-1.0);
        // a negative previous (a cost correction) still gives the sign of the change
        assertThat(CompareMerge.deltaPct(-1.0, -2.0)).isEqualTo(0.5);
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndEndsWhereTheRangeStarts() {
        Params.Range r = new Params.Range(T0 + 7 * M + 123, T0 + 3 * H);
        Params.Range p = Compare.previous(r);
        assertThat(p.toMs()).isEqualTo(r.fromMs());
        assertThat(p.toMs() - p.fromMs()).isEqualTo(r.toMs() - r.fromMs());
        assertThatThrownBy(() -> Compare.previous(new Params.Range(Long.MIN_VALUE + 5, Long.MIN_VALUE + 100)))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("from"));
    }

    @Test
    void theTwoPeriodsAreCoveredBackToBackWithoutOverlap() {
        Planner planner = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        Params.Range cur = new Params.Range(T0 + 5 * H + 17 * M, T0 + 9 * D + 2 * H);
        Params.Range prev = Compare.previous(cur);
        List<Segment> all = new ArrayList<>(planner.cover(prev.fromMs(), prev.toMs()));
        all.addAll(planner.cover(cur.fromMs(), cur.toMs()));
        long at = prev.fromMs();
        for (Segment s : all) {
            assertThat(s.fromMs()).isEqualTo(at);
            at = s.toMs();
        }
        assertThat(at).isEqualTo(cur.toMs());
        // same length: same auto step and the same resolution (the agents table), so buckets pair up
        assertThat(planner.autoStep(prev.fromMs(), prev.toMs())).isEqualTo(planner.autoStep(cur.fromMs(), cur.toMs()));
        assertThat(planner.resolution(prev.fromMs(), prev.toMs())).isEqualTo(planner.resolution(cur.fromMs(), cur.toMs()));
        // the agents table covers whole windows; the previous of the covered range is covered by itself
        long[] covered = planner.atResolution(cur.fromMs(), cur.toMs());
        Params.Range before = Compare.previous(new Params.Range(covered[0], covered[1]));
        assertThat(planner.atResolution(before.fromMs(), before.toMs())).containsExactly(before.fromMs(), before.toMs());
    }

    @Test
    void rowsWithATimePairOnePeriodApartRoundedToTheAnswersStep() {
        Params.Range cur = new Params.Range(T0 + 90 * M + 30_000, T0 + 180 * M + 30_000);
        Params.Range prev = Compare.previous(cur);
        // buckets of 10 minutes: floor(T0+90.5m) = T0+90m, floor(T0+0.5m) = T0: 90 minutes apart
        assertThat(Compare.rowShift(new JsonObject().put("step_ms", 10 * M), cur, prev)).isEqualTo(90 * M);
        assertThat(Compare.rowShift(new JsonObject().put("step_ms", 60 * M), cur, prev)).isEqualTo(60 * M);
        assertThat(Compare.rowShift(new JsonObject(), cur, prev)).isEqualTo(90 * M);
    }

    @Test
    void compareParameterIsPreviousOrNoneElse400NamingTheField() {
        assertThat(Compare.wanted(null)).isFalse();
        assertThat(Compare.wanted(" ")).isFalse();
        assertThat(Compare.wanted("none")).isFalse();
        assertThat(Compare.wanted("Previous")).isTrue();
        assertThatThrownBy(() -> Compare.wanted("last-year")).isInstanceOfSatisfying(ParamException.class, e -> {
            assertThat(e.field()).isEqualTo("compare");
            assertThat(e.reason()).isEqualTo("unknown-compare");
        });
    }

    @Test
    void figuresNestedFiguresAndRowsGainPreviousDeltaAndDeltaPct() {
        JsonObject cur = new JsonObject().put("from", 100L).put("count", 30L).put("error_rate", 0.1)
                .put("latency_ms", new JsonObject().put("p95", 200.0))
                .put("agents", new JsonArray().add(new JsonObject().put("agent_id", "a").put("count", 20L))
                        .add(new JsonObject().put("agent_id", "new").put("count", 10L)));
        JsonObject prev = new JsonObject().put("from", 50L).put("count", 20L).put("error_rate", 0.05)
                .put("latency_ms", new JsonObject().put("p95", 250.0))
                .put("agents", new JsonArray().add(new JsonObject().put("agent_id", "gone").put("count", 4L))
                        .add(new JsonObject().put("agent_id", "a").put("count", 16L)));
        JsonObject m = CompareMerge.merge(cur, prev, 50);
        assertThat(m.getLong("from")).isEqualTo(100L);
        assertThat(m.containsKey("previous_from")).isFalse();
        assertThat(m.getLong("previous_count")).isEqualTo(20L);
        assertThat(m.getLong("delta_count")).isEqualTo(10L);
        assertThat(m.getDouble("delta_pct_count")).isEqualTo(0.5);
        assertThat(m.getDouble("delta_error_rate")).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.getDouble("delta_pct_error_rate")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.getJsonObject("previous_latency_ms").getDouble("p95")).isEqualTo(250.0);
        assertThat(m.getJsonObject("delta_latency_ms").getDouble("p95")).isEqualTo(-50.0);
        assertThat(m.getJsonObject("delta_pct_latency_ms").getDouble("p95")).isEqualTo(-0.2);
        JsonArray rows = m.getJsonArray("agents");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.getJsonObject(0).getLong("previous_count")).isEqualTo(16L);
        assertThat(rows.getJsonObject(0).getDouble("delta_pct_count")).isEqualTo(0.25);
        JsonObject fresh = rows.getJsonObject(1);
        assertThat(fresh.containsKey("previous_count")).isTrue();
        assertThat(fresh.getValue("previous_count")).isNull();
        assertThat(fresh.getValue("delta_pct_count")).isNull();
    }

    @Test
    void timedRowsAndColumnarSeriesPairBucketsOneShiftApart() {
        long shift = 3 * M;
        JsonObject cur = new JsonObject().put("availability_series", new JsonArray()
                .add(new JsonObject().put("t", 3 * M).put("availability", 0.9))
                .add(new JsonObject().put("t", 4 * M).put("availability", 1.0)))
                .put("by_day", columnar(List.of(3 * M, 4 * M, 5 * M), "m1", 1.0, 2.0, null));
        JsonObject prev = new JsonObject().put("availability_series", new JsonArray()
                .add(new JsonObject().put("t", 1 * M).put("availability", 0.8)))
                .put("by_day", columnar(List.of(0L, M, 2 * M), "m1", 0.5, 0.0, 4.0));
        JsonObject m = CompareMerge.merge(cur, prev, shift);
        JsonArray a = m.getJsonArray("availability_series");
        assertThat(a.getJsonObject(0).getValue("previous_availability")).isNull(); // t = 0 has no row
        assertThat(a.getJsonObject(1).getDouble("previous_availability")).isEqualTo(0.8);
        JsonObject s = m.getJsonObject("by_day").getJsonArray("series").getJsonObject(0);
        assertThat(s.getJsonArray("previous").getList()).containsExactly(0.5, 0.0, 4.0);
        assertThat(s.getJsonArray("delta").getList()).containsExactly(0.5, 2.0, null);
        assertThat(s.getJsonArray("delta_pct").getList()).containsExactly(1.0, null, null);
        String csv = Csv.render(m, "by_day");
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("t,m1,previous_m1,delta_m1,delta_pct_m1");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).isEqualTo("180000,1.0,0.5,0.5,1.0");
    }

    @Test
    void csvOfRowsHasPreviousDeltaAndDeltaPctColumns() {
        JsonObject m = CompareMerge.merge(
                new JsonObject().put("models", new JsonArray().add(new JsonObject().put("model", "m1").put("cost_usd", 3.0))),
                new JsonObject().put("models", new JsonArray().add(new JsonObject().put("model", "m1").put("cost_usd", 2.0))), H);
        assertThat(Csv.render(m, null)).isEqualTo("model,cost_usd,previous_cost_usd,delta_cost_usd,delta_pct_cost_usd\r\n"
                + "m1,3.0,2.0,1.0,0.5\r\n");
    }

    /** The summary through the wrapper over real rollups in memory: the previous period's figures are its own query's. */
    @Test
    void summaryComparesEachPeriodsOwnMergedSketchesAndSums() {
        TestFleet fleet = new TestFleet(120, 10, 7);
        InMemoryRollupReader reader = new InMemoryRollupReader();
        fleet.rows().forEach(reader::put);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 2 * H), ZoneOffset.UTC);
        SummaryQuery summary = new SummaryQuery(reader, new Planner(Set.of()), clock);
        Function<Function<String, String>, Future<JsonObject>> compared = Compare.wrap(summary::run, clock);
        long from = T0 + 70 * M;
        long to = T0 + 110 * M;
        JsonObject both = compared.apply(params(Map.of("from", "" + from, "to", "" + to, "compare", "previous"))).result();
        JsonObject cur = summary.run(params(Map.of("from", "" + from, "to", "" + to))).result();
        JsonObject prev = summary.run(params(Map.of("from", "" + (from - 40 * M), "to", "" + from))).result();
        assertThat(both.getLong("count")).isEqualTo(cur.getLong("count"));
        assertThat(both.getLong("previous_count")).isEqualTo(prev.getLong("count"))
                .isEqualTo(fleet.select(io.agentpulse.query.plan.Filters.NONE, from - 40 * M, from).size());
        assertThat(both.getLong("delta_count")).isEqualTo(cur.getLong("count") - prev.getLong("count"));
        assertThat(both.getJsonObject("previous_latency_ms").getDouble("p99"))
                .isEqualTo(prev.getJsonObject("latency_ms").getDouble("p99"));
        assertThat(both.getDouble("previous_cost_usd")).isEqualTo(prev.getDouble("cost_usd"));
        assertThat(both.getJsonObject("compare").getLong("from")).isEqualTo(from - 40 * M);
        assertThat(both.getJsonObject("compare").getLong("to")).isEqualTo(from);
        // without compare: the answer is unchanged
        assertThat(compared.apply(params(Map.of("from", "" + from, "to", "" + to))).result()).isEqualTo(cur);
        assertThatThrownBy(() -> compared.apply(params(Map.of("compare", "yes"))))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("compare"));
    }

    /** A grouped timeseries: the previous period shows the current period's keys, whatever its own top keys. */
    @Test
    void groupedTimeseriesPreviousDrawsTheCurrentKeys() {
        TestFleet fleet = new TestFleet(120, 10, 7);
        InMemoryRollupReader reader = new InMemoryRollupReader();
        fleet.rows().forEach(reader::put);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 2 * H), ZoneOffset.UTC);
        TimeseriesQuery ts = new TimeseriesQuery(reader, new Planner(Set.of()), clock);
        Map<String, String> q = new HashMap<>(Map.of("from", "" + (T0 + H), "to", "" + (T0 + 2 * H), "step", "10m",
                "metric", "requests", "group_by", "agent", "limit", "2", "compare", "previous"));
        q.put(Compare.KEYS, "[\"smuggled\"]"); // an internal parameter is never read from the request
        JsonObject m = Compare.wrap(ts::run, clock).apply(params(q)).result();
        JsonArray series = m.getJsonArray("series");
        assertThat(series.size()).isEqualTo(2);
        for (Object o : series) {
            JsonObject s = (JsonObject) o;
            assertThat(s.getString("key")).isNotEqualTo("smuggled");
            assertThat(s.getJsonArray("previous").size()).isEqualTo(6);
            long first = fleet.select(new io.agentpulse.query.plan.Filters(s.getString("key"), null, null), T0, T0 + 10 * M).size();
            assertThat(s.getJsonArray("previous").getDouble(0)).isCloseTo(first / 10.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static JsonObject columnar(List<Long> t, String key, Double... values) {
        return new JsonObject().put("step_ms", M).put("t", new JsonArray(new ArrayList<>(t)))
                .put("series", new JsonArray().add(new JsonObject().put("key", key).put("values", new JsonArray(java.util.Arrays.asList(values)))));
    }

    private static Function<String, String> params(Map<String, String> m) {
        return m::get;
    }
}
