package io.agentpulse.query.http;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.RollupReader;
import io.agentpulse.query.store.Totals;
import io.agentpulse.contract.Dimensions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The slicing dimensions (docs/CONTRACTS.md "Dimensions"):
 * <ul>
 * <li>GET /api/v1/dimensions: each configured dimension with the values counted in [from, to) (the
 *     filter's choices);</li>
 * <li>GET /api/v1/dimensions/:name: per value of one dimension over [from, to) the calls, errors,
 *     latency percentiles, tokens, cost and share of calls, for the fleet or the agent, model or
 *     operation the filters pin (one of them).</li>
 * </ul>
 */
final class DimensionsQuery {
    private final RollupReader reader;
    private final Breakdowns breakdowns;
    private final Clock clock;

    DimensionsQuery(RollupReader reader, Breakdowns breakdowns, Clock clock) {
        this.reader = reader;
        this.breakdowns = breakdowns;
        this.clock = clock;
    }

    Future<JsonObject> list(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        List<Future<List<String>>> parts = new ArrayList<>();
        Dimensions dims = breakdowns.dimensions();
        dims.names().forEach(d -> parts.add(reader.dimensionValues(d, r.fromMs(), r.toMs())));
        return Future.all(parts).map(done -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < parts.size(); i++) {
                String name = dims.names().get(i);
                out.add(new JsonObject().put("name", name).put("built_in", Dimensions.BUILT_IN.contains(name))
                        .put("values", new JsonArray(parts.get(i).result())));
            }
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("dimensions", out);
        });
    }

    Future<JsonObject> breakdown(Function<String, String> q) {
        String name = q.apply("name");
        Dimensions dims = breakdowns.dimensions();
        if (!dims.has(name)) {
            throw new ParamException("name", "unknown-dimension", "The dimension '" + name + "' is not configured; "
                    + "AGENTPULSE_DIMENSIONS names " + (dims.isEmpty() ? "none" : String.join(", ", dims.names())) + ".");
        }
        Params.Range r = Params.range(q, clock);
        Filters f = Params.filters(q, dims);
        if (f.slice() != null) {
            throw new ParamException(f.slice().dimension(), "one-dimension", "A breakdown by " + name
                    + " cannot also filter by " + f.slice().dimension() + ": rollups are sliced by one dimension at a time.");
        }
        return breakdowns.bySlice(f, name, r.fromMs(), r.toMs(), true).map(m -> {
            long all = m.values().stream().mapToLong(Totals::count).sum();
            JsonArray rows = new JsonArray();
            for (Map.Entry<String, Totals> e : m.entrySet()) {
                rows.add(Breakdowns.row("value", e.getKey(), e.getValue())
                        .put("share", all == 0 ? null : (double) e.getValue().count() / all));
            }
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("dimension", name).put("values", rows);
        });
    }
}
