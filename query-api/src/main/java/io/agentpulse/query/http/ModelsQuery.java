package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/models: per model over [from, to): latency percentiles, error rate, tokens per call,
 * output/input ratio, cost and cost per call, and its share of calls (the distribution).
 * Filters agent and operation apply.
 */
final class ModelsQuery {
    private final Breakdowns breakdowns;
    private final Clock clock;

    ModelsQuery(Breakdowns breakdowns, Clock clock) {
        this.breakdowns = breakdowns;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        return breakdowns.byKey(Params.filters(q, breakdowns.dimensions()), Dimension.MODEL, r.fromMs(), r.toMs(), true).map(m -> {
            long all = m.values().stream().mapToLong(Totals::count).sum();
            JsonArray rows = new JsonArray();
            for (Map.Entry<String, Totals> e : m.entrySet()) {
                rows.add(Breakdowns.row("model", e.getKey(), e.getValue())
                        .put("share", all == 0 ? null : (double) e.getValue().count() / all));
            }
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("models", rows);
        });
    }
}
