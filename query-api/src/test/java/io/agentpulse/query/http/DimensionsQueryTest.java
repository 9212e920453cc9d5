package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.SliceException;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.RollupRow;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Filters and group-bys on slicing dimensions through the query classes (docs/CONTRACTS.md
 * "Dimensions"): rows as the processor writes them for two environments and a custom attribute.
 */
class DimensionsQueryTest {
    private static final long M = 60_000L;
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);
    private static final Dimensions DIMS = new Dimensions(List.of("environment", "provider", "tool_name", "team"), 100);
    private static final Planner PLANNER = new Planner(EnumSet.allOf(Granularity.class), CLOCK, Duration.ZERO, DIMS);
    private static final InMemoryRollupReader READER = new InMemoryRollupReader();

    static {
        // minute m: prod 3 calls (1 failed) of agent a1, dev 1 call of agent a2 (minutes 0 and 1 only)
        for (int m = 0; m < 4; m++) {
            long t = T0 + m * M;
            put("all", "*", t, 4);
            put("agent", "a1", t, 3);
            put("all@environment=prod", "*", t, 3);
            put("agent@environment=prod", "a1", t, 3);
            put(Dimensions.slice("all", "team", "<b>search</b>"), "*", t, 3);
            if (m < 2) {
                put("all@environment=dev", "*", t, 1);
                put("agent@environment=dev", "a2", t, 1);
            }
        }
    }

    private static void put(String grp, String agent, long t, long count) {
        var sketch = SketchCodec.newSketch();
        for (int i = 0; i < count; i++) {
            sketch.accept(100.0 * (i + 1));
        }
        READER.put(new RollupRow(Granularity.MINUTE, grp, agent, "*", "*", t, count, grp.contains("prod") ? 1 : 0,
                10 * count, count, 0, 0.01 * count, SketchCodec.encode(sketch), Map.of()));
    }

    private static JsonObject ask(Function<Function<String, String>, Future<JsonObject>> query, Map<String, String> params) throws Exception {
        Map<String, String> q = new HashMap<>(Map.of("from", Long.toString(T0), "to", Long.toString(T0 + 4 * M)));
        q.putAll(params);
        return query.apply(q::get).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static DimensionsQuery dims() {
        return new DimensionsQuery(READER, new Breakdowns(READER, PLANNER), CLOCK);
    }

    @Test
    void theFilterListsEveryDimensionWithItsValuesInTheRange() throws Exception {
        JsonObject a = ask(dims()::list, Map.of());
        assertThat(a.getJsonArray("dimensions").stream().map(d -> ((JsonObject) d).getString("name")).toList())
                .containsExactly("environment", "provider", "tool_name", "team");
        JsonObject env = a.getJsonArray("dimensions").getJsonObject(0);
        assertThat(env.getJsonArray("values").getList()).containsExactly("dev", "prod");
        assertThat(a.getJsonArray("dimensions").getJsonObject(3).getJsonArray("values").getList()).containsExactly("<b>search</b>");
        JsonObject later = ask(dims()::list, Map.of("from", Long.toString(T0 + 2 * M)));
        assertThat(later.getJsonArray("dimensions").getJsonObject(0).getJsonArray("values").getList()).containsExactly("prod");
    }

    @Test
    void aBreakdownByValueHasExactCountsSharesAndTheChangeAgainstThePreviousPeriod() throws Exception {
        JsonObject a = ask(Compare.wrap(dims()::breakdown, CLOCK), Map.of("name", "environment", "from", Long.toString(T0 + 2 * M),
                "compare", "previous"));
        JsonObject prod = a.getJsonArray("values").getJsonObject(0);
        assertThat(prod.getString("value")).isEqualTo("prod");
        assertThat(prod.getLong("count")).isEqualTo(6);
        assertThat(prod.getDouble("share")).isEqualTo(1.0);
        assertThat(prod.getDouble("p95_ms")).isCloseTo(300, org.assertj.core.data.Offset.offset(3.0));
        JsonObject byAgent = ask(dims()::breakdown, Map.of("name", "environment", "agent", "a2"));
        assertThat(byAgent.getJsonArray("values").stream().map(v -> ((JsonObject) v).getString("value")).toList())
                .as("one agent's values: its own slices").containsExactly("dev");
        assertThat(a.getJsonArray("values").toString()).contains("previous_count");
    }

    @Test
    void everyViewFiltersByOneDimensionAndGroupsByIt() throws Exception {
        SummaryQuery summary = new SummaryQuery(READER, PLANNER, CLOCK);
        assertThat(ask(summary::run, Map.of()).getLong("count")).isEqualTo(16);
        assertThat(ask(summary::run, Map.of("environment", "prod")).getLong("count")).isEqualTo(12);
        assertThat(ask(summary::run, Map.of("team", "<b>search</b>")).getLong("count")).as("a custom attribute").isEqualTo(12);
        assertThat(ask(summary::run, Map.of("environment", "dev", "agent", "a2")).getLong("count")).isEqualTo(2);
        TimeseriesQuery ts = new TimeseriesQuery(READER, PLANNER, CLOCK);
        JsonObject chart = ask(ts::run, Map.of("group_by", "environment", "metric", "requests", "step", "1m"));
        assertThat(chart.getJsonArray("series").stream().map(s -> ((JsonObject) s).getString("key")).toList())
                .as("most calls first").containsExactly("prod", "dev");
        assertThat(chart.getJsonArray("series").getJsonObject(1).getJsonArray("values").getList()).containsExactly(1.0, 1.0, null, null);
    }

    @Test
    void filtersTheRollupsCannotAnswerAreRefusedWithTheField() {
        SummaryQuery summary = new SummaryQuery(READER, PLANNER, CLOCK);
        assertThatThrownBy(() -> ask(summary::run, Map.of("environment", "prod", "team", "x")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("team"));
        assertThatThrownBy(() -> ask(summary::run, Map.of("environment", "prod", "agent", "a1", "model", "m")))
                .isInstanceOfSatisfying(SliceException.class, e -> assertThat(e.dimension()).isEqualTo("environment"));
        assertThatThrownBy(() -> ask(dims()::breakdown, Map.of("name", "region")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.getMessage()).contains("environment, provider"));
    }
}
