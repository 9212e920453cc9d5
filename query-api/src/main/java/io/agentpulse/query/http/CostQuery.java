package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.agentpulse.query.store.Bucket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/cost: cost per UTC day stacked by model (columnar, like /timeseries) over the range
 * widened to whole days, cost by agent and by model, cost per request, today vs yesterday, month
 * to date and a month-end projection (month to date / elapsed fraction of the month), and the budget.
 * ?table=by_day|by_agent|by_model picks the CSV table (default by_agent).
 */
final class CostQuery {
    static final long DAY_MS = 86_400_000L;
    /** Days drawn at most (a year and a bit). */
    static final int MAX_DAYS = 400;

    private final Breakdowns breakdowns;
    private final DashboardConfig cfg;
    private final Clock clock;

    CostQuery(Breakdowns breakdowns, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        long now = clock.millis();
        long firstDay = Math.floorDiv(r.fromMs(), DAY_MS) * DAY_MS;
        long endDay = Math.floorDiv(r.toMs() + DAY_MS - 1, DAY_MS) * DAY_MS;
        if ((endDay - firstDay) / DAY_MS > MAX_DAYS) {
            throw new ParamException("from", "too-many-points", "The cost view draws at most " + MAX_DAYS + " days; choose a shorter range.");
        }
        long today = Math.floorDiv(now, DAY_MS) * DAY_MS;
        long monthStart = LocalDate.ofEpochDay(today / DAY_MS).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long monthEnd = LocalDate.ofEpochDay(today / DAY_MS).withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        Filters f = Params.slice(q, breakdowns.dimensions());
        Future<List<Bucket>> days = breakdowns.perStep(f, Dimension.MODEL, firstDay, endDay, DAY_MS);
        // Costs and counts only: no sketch is read.
        Future<Map<String, Totals>> byAgent = breakdowns.byKey(f, Dimension.AGENT, r.fromMs(), r.toMs(), false);
        Future<Map<String, Totals>> byModel = breakdowns.byKey(f, Dimension.MODEL, r.fromMs(), r.toMs(), false);
        Future<Totals> todayT = breakdowns.total(f, today, now + 1, false);
        Future<Totals> yesterdayT = breakdowns.total(f, today - DAY_MS, today, false);
        Future<Totals> mtd = breakdowns.total(f, monthStart, now + 1, false);
        return Future.all(List.of(days, byAgent, byModel, todayT, yesterdayT, mtd)).map(done -> {
            double total = byModel.result().values().stream().mapToDouble(Totals::costUsd).sum();
            long count = byModel.result().values().stream().mapToLong(Totals::count).sum();
            double elapsed = (double) (now - monthStart) / (monthEnd - monthStart);
            double projection = elapsed <= 0 ? 0 : mtd.result().costUsd() / elapsed;
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs())
                    .put("total_usd", total).put("count", count).put("cost_per_request", count == 0 ? null : total / count)
                    .put("today_usd", todayT.result().costUsd()).put("yesterday_usd", yesterdayT.result().costUsd())
                    .put("month_to_date_usd", mtd.result().costUsd()).put("month_projection_usd", projection)
                    .put("budget_monthly_usd", cfg.budgetMonthlyUsd() > 0 ? cfg.budgetMonthlyUsd() : null)
                    .put("by_agent", costRows("agent_id", byAgent.result()))
                    .put("by_model", costRows("model", byModel.result()))
                    .put("by_day", byDay(firstDay, endDay, days.result(), byModel.result().keySet()));
        });
    }

    static JsonArray costRows(String keyName, Map<String, Totals> m) {
        JsonArray a = new JsonArray();
        m.forEach((k, t) -> a.add(new JsonObject().put(keyName, k).put("cost_usd", t.costUsd()).put("count", t.count())
                .put("cost_per_request", t.count() == 0 ? null : t.costUsd() / t.count())));
        return a;
    }

    /** Columnar {t, series}: one series per model (in the range's order), 0 for a day without calls. */
    static JsonObject byDay(long firstDay, long endDay, List<Bucket> buckets, Iterable<String> models) {
        int n = (int) ((endDay - firstDay) / DAY_MS);
        JsonArray t = new JsonArray();
        for (int i = 0; i < n; i++) {
            t.add(firstDay + i * DAY_MS);
        }
        Map<String, double[]> cost = new LinkedHashMap<>();
        models.forEach(m -> cost.put(m, new double[n]));
        for (Bucket b : buckets) {
            int i = (int) ((b.startMs() - firstDay) / DAY_MS);
            double[] col = cost.get(b.key());
            if (col != null && i >= 0 && i < n) {
                col[i] += b.totals().costUsd();
            }
        }
        JsonArray series = new JsonArray();
        cost.forEach((m, col) -> {
            JsonArray values = new JsonArray();
            for (double v : col) {
                values.add(v);
            }
            series.add(new JsonObject().put("key", m).put("values", values));
        });
        return new JsonObject().put("step_ms", DAY_MS).put("t", t).put("series", series);
    }
}
