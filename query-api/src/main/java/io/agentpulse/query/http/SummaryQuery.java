package io.agentpulse.query.http;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.RollupQuery;
import io.agentpulse.query.store.RollupReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** GET /api/v1/summary: totals over [from, to), merged across the planner's segments. */
final class SummaryQuery {
    private final RollupReader reader;
    private final Planner planner;
    private final Clock clock;

    SummaryQuery(RollupReader reader, Planner planner, Clock clock) {
        this.reader = reader;
        this.planner = planner;
        this.clock = clock;
    }

    /** Throws ParamException synchronously for bad parameters; the future fails only on store errors. */
    Future<JsonObject> run(Function<String, String> q) {
        Params.Range range = Params.range(q, clock);
        Filters filters = Params.filters(q, planner.dimensions());
        String grp = Planner.group(filters, null);
        List<Future<Totals>> parts = new ArrayList<>();
        for (Segment s : planner.cover(range.fromMs(), range.toMs())) {
            parts.add(reader.totals(new RollupQuery(grp, filters, s), true));
        }
        return Future.all(parts).map(done -> {
            Totals sum = new Totals();
            parts.forEach(p -> sum.add(p.result()));
            return toJson(sum, range);
        });
    }

    static JsonObject toJson(Totals t, Params.Range range) {
        return new JsonObject()
                .put("count", t.count())
                .put("errors", t.errors())
                .put("error_rate", Json.num(t.errorRate()))
                .put("latency_ms", new JsonObject()
                        .put("p50", Json.num(t.quantile(0.50)))
                        .put("p95", Json.num(t.quantile(0.95)))
                        .put("p99", Json.num(t.quantile(0.99))))
                .put("input_tokens", t.inputTokens())
                .put("output_tokens", t.outputTokens())
                .put("cached_input_tokens", t.cachedInputTokens())
                .put("cost_usd", t.costUsd())
                .put("from", range.fromMs())
                .put("to", range.toMs());
    }
}
