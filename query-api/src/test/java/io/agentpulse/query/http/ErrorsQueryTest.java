package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.TestFleet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The errors view's answer against exact counts of the fleet's raw events, over rollups of every table. */
class ErrorsQueryTest {
    private static final TestFleet FLEET = new TestFleet(180, 8, 11);
    private static final long FROM = TestFleet.T0;
    private static final long TO = TestFleet.T0 + 180 * 60_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(TO + 86_400_000L), ZoneOffset.UTC);

    private static JsonObject ask(Map<String, String> params) throws Exception {
        InMemoryRollupReader reader = new InMemoryRollupReader();
        FLEET.allRows().forEach(reader::put);
        Breakdowns b = new Breakdowns(reader, new Planner(EnumSet.allOf(Granularity.class)));
        Map<String, String> q = new HashMap<>(Map.of("from", Instant.ofEpochMilli(FROM).toString(), "to", Instant.ofEpochMilli(TO).toString()));
        q.putAll(params);
        return Compare.wrap(new ErrorsQuery(b, reader, CLOCK)::run, CLOCK).apply(q::get)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Map<String, Long> exact(Filters f, long from, long to) {
        Map<String, Long> m = new HashMap<>();
        FLEET.select(f, from, to).stream().filter(TestFleet.Event::error).forEach(e -> m.merge(e.errorType(), 1L, Long::sum));
        return m;
    }

    @Test
    void typesTrendAndRankingAreExact() throws Exception {
        JsonObject a = ask(Map.of());
        Map<String, Long> expected = exact(Filters.NONE, FROM, TO);
        Map<String, Long> types = new HashMap<>();
        a.getJsonArray("types").forEach(o -> types.put(((JsonObject) o).getString("error_type"), ((JsonObject) o).getLong("errors")));
        assertThat(types).isEqualTo(expected).containsKeys("Timeout", "RateLimitError", "_none");
        long failed = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(a.getLong("errors")).isEqualTo(failed);
        JsonObject first = a.getJsonArray("types").getJsonObject(0);
        assertThat(first.getDouble("rate")).isEqualTo((double) first.getLong("errors") / a.getLong("calls"));
        long trendSum = a.getJsonObject("trend").getJsonArray("series").stream()
                .mapToLong(e -> ((JsonObject) e).getJsonArray("values").stream().mapToLong(x -> ((Number) x).longValue()).sum()).sum();
        assertThat(trendSum).as("every failed call in one bucket of the trend").isEqualTo(failed);
        JsonArray by = a.getJsonArray("by");
        assertThat(by.stream().map(o -> ((JsonObject) o).getLong("errors")).toList()).as("most failing first")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(by.stream().mapToLong(o -> ((JsonObject) o).getLong("errors")).sum()).isEqualTo(failed);
    }

    @Test
    void filtersNarrowAndByModelRanksModels() throws Exception {
        JsonObject a = ask(Map.of("agent", "a2", "by", "model"));
        Map<String, Long> types = new HashMap<>();
        a.getJsonArray("types").forEach(o -> types.put(((JsonObject) o).getString("error_type"), ((JsonObject) o).getLong("errors")));
        assertThat(types).isEqualTo(exact(new Filters("a2", null, null), FROM, TO));
        assertThat(a.getString("by_dimension")).isEqualTo("model");
        assertThat(a.getJsonArray("by").stream().map(o -> ((JsonObject) o).getString("model")).toList()).containsAnyOf("m1", "m2");
    }

    @Test
    void comparingWithThePreviousPeriodGivesEachTypeItsChange() throws Exception {
        long half = (TO - FROM) / 2;
        JsonObject a = ask(Map.of("from", Instant.ofEpochMilli(FROM + half).toString(), "compare", "previous"));
        Map<String, Long> now = exact(Filters.NONE, FROM + half, TO);
        Map<String, Long> before = exact(Filters.NONE, FROM, FROM + half);
        for (Object o : a.getJsonArray("types")) {
            JsonObject row = (JsonObject) o;
            String type = row.getString("error_type");
            assertThat(row.getLong("errors")).isEqualTo(now.get(type));
            assertThat(row.getLong("previous_errors")).as(type).isEqualTo(before.get(type));
            assertThat(row.getLong("delta_errors")).isEqualTo(now.get(type) - before.get(type));
        }
        assertThat(List.of(a.getLong("errors"), a.getLong("previous_errors"))).containsExactly(
                now.values().stream().mapToLong(Long::longValue).sum(), before.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void anUnknownGroupingIsABadRequest() {
        assertThatThrownBy(() -> ask(Map.of("by", "planet"))).isInstanceOf(ParamException.class)
                .hasMessageContaining("The parameter by is 'planet'");
    }
}
