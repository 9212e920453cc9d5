package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.RollupRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Cost view's today: the processor writes a day row only when the day has closed, so today's spend
 * lives in the hour and minute tables until midnight; the "today" figure and today's bar of the per-day
 * chart both read it from there (at 10:05, with yesterday settled in the day table).
 */
class CostTodayTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long APR19 = Instant.parse("2026-04-19T00:00:00Z").toEpochMilli();
    private static final long NOW = APR19 + DAY + 10 * HOUR + 5 * MIN; // 10:05 on the 20th

    /** One row of the fleet ("all") and the same of its one model ("model", m1), as the processor writes both groups. */
    private static void row(InMemoryRollupReader r, Granularity g, long start, double cost) {
        r.put(new RollupRow(g, "all", "*", "*", "*", start, 10, 0, 100, 50, 0, cost, null));
        r.put(new RollupRow(g, "model", "*", "m1", "*", start, 10, 0, 100, 50, 0, cost, null));
        r.put(new RollupRow(g, "agent", "a1", "*", "*", start, 10, 0, 100, 50, 0, cost, null));
    }

    @Test
    void todayIsReadFromTheHourAndMinuteTablesUntilTheDayCloses() {
        InMemoryRollupReader reader = new InMemoryRollupReader();
        row(reader, Granularity.DAY, APR19, 5);                           // yesterday, closed and settled
        for (int h = 0; h < 24; h++) {
            row(reader, Granularity.HOUR, APR19 + h * HOUR, 5.0 / 24);     // yesterday's hours too: read once only
        }
        for (int h = 0; h < 10; h++) {
            row(reader, Granularity.HOUR, APR19 + DAY + h * HOUR, 1);      // today 00:00 .. 09:59
        }
        for (int m = 0; m < 5; m++) {
            row(reader, Granularity.MINUTE, APR19 + DAY + 10 * HOUR + m * MIN, 0.1); // 10:00 .. 10:04
        }
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        Planner planner = new Planner(EnumSet.allOf(Granularity.class), clock, Planner.SETTLE);
        CostQuery cost = new CostQuery(new Breakdowns(reader, planner), DashboardConfig.fromEnv(Map.of()), clock);
        Map<String, String> q = Map.of("from", Long.toString(APR19), "to", Long.toString(NOW));
        JsonObject body = cost.run(q::get).result();
        assertThat(body.getDouble("today_usd")).isCloseTo(10.5, within(1e-9));
        assertThat(body.getDouble("yesterday_usd")).isCloseTo(5, within(1e-9));
        JsonObject byDay = body.getJsonObject("by_day");
        assertThat(byDay.getJsonArray("t").getList()).containsExactly(APR19, APR19 + DAY);
        JsonArray m1 = byDay.getJsonArray("series").getJsonObject(0).getJsonArray("values");
        assertThat(m1.getDouble(0)).isCloseTo(5, within(1e-9));
        assertThat(m1.getDouble(1)).isCloseTo(10.5, within(1e-9)); // was 0 until midnight: only the day table was read
        assertThat(body.getDouble("total_usd")).isCloseTo(15.5, within(1e-9));
    }
}
