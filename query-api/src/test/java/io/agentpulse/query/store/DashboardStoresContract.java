package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of EventReader and LayoutStore; subclasses give them loaded with EVENTS. */
public abstract class DashboardStoresContract {
    static final long T0 = 1_790_000_040_000L; // on a minute edge
    protected static final List<EventRow> EVENTS = fleet();

    protected abstract EventReader events();

    protected abstract LayoutStore layouts();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** 60 calls of 3 agents over 60 s (every 7th fails, every 5th a tool call), feedback and heartbeats. */
    static List<EventRow> fleet() {
        List<EventRow> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String agent = "a" + (i % 3);
            boolean err = i % 7 == 0;
            String tool = i % 5 == 0 ? "search" + (i % 2) : null;
            out.add(new EventRow("e" + i, T0 + i * 1000L, agent, "SPAN", "prod", "m" + (i % 2), "p", tool == null ? "chat" : "execute_tool",
                    100.0 + i * 10, null, 10L * i, 5L * i, 0L, 0L, 0.001 * i, err ? "ERROR" : "OK", err ? "timeout <b>" : null,
                    tool, null, "t" + i / 4, "s" + i, null, null, null, Map.of("k", "v" + i),
                    i % 2 == 1 ? "catalog" : "event", i % 2 == 1 ? "m1@2026-01-01T00:00:00Z" : null)); // odd: priced by a version
        }
        for (int i = 0; i < 6; i++) {
            out.add(new EventRow("f" + i, T0 + i * 10_000L + 500, "a" + (i % 3), "FEEDBACK", "prod", null, null, null, null, null,
                    null, null, null, null, null, "UNSET", null, null, null, "t" + i * 10 / 4, "s" + i * 10, (i % 5) / 4.0,
                    null, null, Map.of())); // f_i scores the call e(10 i): its trace and span
            out.add(new EventRow("h" + i, T0 + i * 10_000L + 700, "a" + (i % 3), "HEARTBEAT", "prod", null, null, null, null, null,
                    null, null, null, null, null, "UNSET", null, null, null, null, null, null, 0.1 * i, 1_000_000L * i, Map.of()));
        }
        return out;
    }

    @Test
    void findFiltersOrdersAndPages() throws Exception {
        EventQuery all = EventQuery.spans(T0, T0 + 60_000);
        List<EventRow> page = await(events().find(all.withOrder(EventQuery.Order.NEWEST, 10)));
        assertThat(page).extracting(EventRow::eventId).containsExactly("e59", "e58", "e57", "e56", "e55", "e54", "e53", "e52", "e51", "e50");
        EventQuery second = new EventQuery(T0, T0 + 60_000, "SPAN", null, null, null, null, null, EventQuery.Order.NEWEST, 10, 5);
        assertThat(await(events().find(second))).extracting(EventRow::eventId).containsExactly("e49", "e48", "e47", "e46", "e45");
        List<EventRow> errors = await(events().find(all.withAgent("a0").withStatus("ERROR").withOrder(EventQuery.Order.NEWEST, 100)));
        assertThat(errors).extracting(EventRow::eventId).containsExactly("e42", "e21", "e0");
        assertThat(errors.get(0).errorType()).isEqualTo("timeout <b>");
        List<EventRow> slow = await(events().find(all.withOrder(EventQuery.Order.SLOWEST, 2)));
        assertThat(slow).extracting(EventRow::eventId).containsExactly("e59", "e58");
        EventQuery latency = new EventQuery(T0, T0 + 60_000, "SPAN", null, "m1", null, null, 650.0, EventQuery.Order.NEWEST, 0, 100);
        assertThat(await(events().find(latency))).allMatch(e -> e.latencyMs() >= 650 && "m1".equals(e.model())).hasSize(3);
        assertThat(await(events().find(all.withKind("HEARTBEAT").withOrder(EventQuery.Order.NEWEST, 100)))).hasSize(6);
    }

    @Test
    void callsFilterByOneSlicingDimensionAsTheRollupsCountThem() throws Exception {
        EventQuery all = EventQuery.spans(T0, T0 + 60_000).withOrder(EventQuery.Order.NEWEST, 100);
        java.util.function.Function<io.agentpulse.query.plan.Filters.Slice, EventQuery> by = s -> new EventQuery(all.fromMs(),
                all.toMs(), all.kind(), null, null, null, null, null, all.order(), 0, 100, null, null, null, s);
        assertThat(await(events().find(by.apply(new io.agentpulse.query.plan.Filters.Slice("tool_name", "search0")))))
                .extracting(EventRow::eventId).containsExactly("e50", "e40", "e30", "e20", "e10", "e0");
        assertThat(await(events().find(by.apply(new io.agentpulse.query.plan.Filters.Slice("tool_name", "_none"))))).hasSize(48);
        assertThat(await(events().find(by.apply(new io.agentpulse.query.plan.Filters.Slice("k", "v7")))))
                .as("a custom dimension reads the attribute").extracting(EventRow::eventId).containsExactly("e7");
        assertThat(await(events().find(by.apply(new io.agentpulse.query.plan.Filters.Slice("environment", "dev"))))).isEmpty();
    }

    @Test
    void oneEventByIdWithAttributes() throws Exception {
        EventRow e = await(events().byId("e7"));
        assertThat(e.status()).isEqualTo("ERROR");
        assertThat(e.attributes()).containsEntry("k", "v7");
        assertThat(e.timeMs()).isEqualTo(T0 + 7000);
        assertThat(List.of(e.costSource(), e.priceVersion())).as("how its cost was set")
                .containsExactly("catalog", "m1@2026-01-01T00:00:00Z");
        assertThat(e.toJson().getString("price_version")).isEqualTo("m1@2026-01-01T00:00:00Z");
        assertThat(await(events().byId("e8")).costSource()).isEqualTo("event");
        assertThat(await(events().byId("nope"))).isNull();
    }

    @Test
    void lastSeenToolsAndTheCallAScoreRates() throws Exception {
        // last seen = latest completion: e57 (a0) starts at T0 + 57 s and takes 670 ms, e59 (a2) 690 ms.
        assertThat(await(events().lastSeen(T0))).containsEntry("a0", T0 + 57_670).containsEntry("a2", T0 + 59_690).hasSize(3);
        assertThat(await(events().lastSeen(T0 + 59_690))).containsOnlyKeys("a2");
        assertThat(await(events().lastSeen(T0 + 59_691))).isEmpty();
        List<EventReader.ToolStat> tools = await(events().tools("a0", T0, T0 + 60_000));
        // a0 has i = 0, 15, 30, 45 as tool calls: search0 x2 (0, 30), search1 x2 (15, 45); i = 0 failed.
        assertThat(tools).containsExactly(new EventReader.ToolStat("search0", 2, 1), new EventReader.ToolStat("search1", 2, 0));
        EventQuery scores = EventQuery.spans(T0, T0 + 60_000).withKind("FEEDBACK").withOrder(EventQuery.Order.NEWEST, 100);
        List<EventRow> fb = await(events().find(scores));
        assertThat(fb).extracting(EventRow::eventId).containsExactly("f5", "f4", "f3", "f2", "f1", "f0");
        EventRow f3 = fb.get(2);
        assertThat(f3.feedbackScore()).isEqualTo(0.75);
        List<EventRow> rated = await(events().find(EventQuery.spans(T0, T0 + 60_000).withAgent(f3.agentId())
                .withSpan(f3.traceId(), f3.spanId())));
        assertThat(rated).extracting(EventRow::eventId).as("the call f3 rates, by its trace and span").containsExactly("e30");
        assertThat(await(events().find(EventQuery.spans(T0, T0 + 60_000).withSpan("t7", null))))
                .extracting(EventRow::eventId).as("a trace alone: its calls").containsExactly("e31", "e30", "e29", "e28");
    }

    @Test
    void layoutsRoundTripAndReplace() throws Exception {
        assertThat(await(layouts().get("nobody"))).isNull();
        await(layouts().put("ops", new JsonObject().put("panels", List.of("health", "cost"))));
        await(layouts().put("ops", new JsonObject().put("panels", List.of("cost"))));
        assertThat(await(layouts().get("ops")).getJsonArray("panels").getList()).containsExactly("cost");
    }
}
