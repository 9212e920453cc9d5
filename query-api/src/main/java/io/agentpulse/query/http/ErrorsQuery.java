package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.ErrorCount;
import io.agentpulse.query.store.RollupQuery;
import io.agentpulse.query.store.RollupReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/errors: failed calls by error type over [from, to), fleet-wide or for the filtered
 * agent / model / operation, from the rollups (every range the rollups keep, not only the raw
 * events' 7 days):
 * <ul>
 * <li>{@code types}: every type with its failed calls, its rate per call and its share of failures;</li>
 * <li>{@code trend}: columnar {t, step_ms, series: [{key, values}]} as /timeseries, one series per top type ({@value #TREND_TYPES}, the rest summed
 *     as "other types"), failed calls per step;</li>
 * <li>{@code by}: per agent or per model ({@code ?by=agent|model}, default agent): failed calls, error rate
 *     and the most frequent type, most failing first (at most {@value #BY_ROWS}).</li>
 * </ul>
 * With ?compare=previous (Compare) every figure gets its previous-period value and change. A type is a
 * failed call's error_type; "_none" counts failures without one, "_other" types past the processor's bound.
 */
final class ErrorsQuery {
    static final int TREND_TYPES = 6;
    static final int BY_ROWS = 100;
    static final String REST = "other types";

    private final Breakdowns breakdowns;
    private final RollupReader reader;
    private final Clock clock;

    ErrorsQuery(Breakdowns breakdowns, RollupReader reader, Clock clock) {
        this.breakdowns = breakdowns;
        this.reader = reader;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        Filters f = Params.filters(q, breakdowns.dimensions());
        Dimension by = by(q.apply("by"), f);
        Planner planner = breakdowns.planner();
        Long given = Params.step(q.apply("step"));
        long step = given != null ? given : planner.autoStep(r.fromMs(), r.toMs());
        long from = Math.floorDiv(r.fromMs(), step) * step;
        long to = Math.floorDiv(r.toMs() + step - 1, step) * step;
        if ((to - from) / step > TimeseriesQuery.MAX_POINTS) {
            throw new ParamException("step", "too-many-points", "The step " + step + " ms gives more than "
                    + TimeseriesQuery.MAX_POINTS + " points over this range; choose a larger step.");
        }
        Future<Totals> calls = breakdowns.total(f, r.fromMs(), r.toMs(), false);
        Future<Map<String, Totals>> perKey = breakdowns.byKey(f, by, r.fromMs(), r.toMs(), false);
        Future<Map<String, Long>> types = typeTotals(f, null, r.fromMs(), r.toMs()).map(m -> m.getOrDefault("all", Map.of()));
        Future<Map<String, Map<String, Long>>> byTypes = typeTotals(f, by, r.fromMs(), r.toMs());
        Future<List<ErrorCount>> trend = reader.errorTypes(new RollupQuery(Planner.group(f, null), f,
                new Segment(planner.forStep(step), from, to)), step, null);
        return Future.all(calls, perKey, types, byTypes, trend).map(done -> new JsonObject()
                .put("from", r.fromMs()).put("to", r.toMs()).put("step", step)
                .put("calls", calls.result().count()).put("errors", calls.result().errors())
                .put("error_rate", Json.num(calls.result().errorRate()))
                .put("types", typeRows(types.result(), calls.result()))
                .put("trend", trend(trend.result(), types.result(), from, to, step))
                .put("by_dimension", by.name().toLowerCase(java.util.Locale.ROOT))
                .put("by", byRows(by, perKey.result(), byTypes.result())));
    }

    private static Dimension by(String raw, Filters f) {
        String v = Params.blankToNull(raw);
        Dimension d;
        if (v == null || v.equalsIgnoreCase("agent")) {
            d = Dimension.AGENT;
        } else if (v.equalsIgnoreCase("model")) {
            d = Dimension.MODEL;
        } else {
            throw new ParamException("by", "unknown-dimension", "The parameter by is '" + raw + "'; expected agent or model.");
        }
        return f.pinned().contains(d) ? (d == Dimension.AGENT ? Dimension.MODEL : Dimension.AGENT) : d;
    }

    /** Key (dim value, or "all") -> type -> failed calls over the range, through the planner's segments. */
    private Future<Map<String, Map<String, Long>>> typeTotals(Filters f, Dimension dim, long fromMs, long toMs) {
        List<Future<List<ErrorCount>>> parts = new ArrayList<>();
        for (Segment s : breakdowns.planner().cover(fromMs, toMs)) {
            parts.add(reader.errorTypes(new RollupQuery(Planner.group(f, dim), f, s), 1L << 50, dim));
        }
        return Future.all(parts).map(done -> {
            Map<String, Map<String, Long>> out = new HashMap<>();
            parts.forEach(p -> p.result().forEach(c ->
                    out.computeIfAbsent(c.key(), k -> new HashMap<>()).merge(c.type(), c.errors(), Long::sum)));
            return out;
        });
    }

    private static List<Map.Entry<String, Long>> ranked(Map<String, Long> types) {
        return types.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).toList();
    }

    private static JsonArray typeRows(Map<String, Long> types, Totals calls) {
        long failed = types.values().stream().mapToLong(Long::longValue).sum();
        JsonArray rows = new JsonArray();
        for (Map.Entry<String, Long> e : ranked(types)) {
            rows.add(new JsonObject().put("error_type", e.getKey()).put("errors", e.getValue())
                    .put("rate", Json.num(calls.count() == 0 ? Double.NaN : (double) e.getValue() / calls.count()))
                    .put("share", Json.num(failed == 0 ? Double.NaN : (double) e.getValue() / failed)));
        }
        return rows;
    }

    /** Failed calls per step of the top types, the others summed; 0 where a step had none (a count). */
    private static JsonObject trend(List<ErrorCount> counts, Map<String, Long> types, long from, long to, long step) {
        int n = (int) ((to - from) / step);
        List<String> top = ranked(types).stream().limit(TREND_TYPES).map(Map.Entry::getKey).toList();
        Map<String, long[]> series = new LinkedHashMap<>();
        top.forEach(t -> series.put(t, new long[n]));
        for (ErrorCount c : counts) {
            int i = (int) ((c.startMs() - from) / step);
            if (i >= 0 && i < n) {
                series.computeIfAbsent(top.contains(c.type()) ? c.type() : REST, k -> new long[n])[i] += c.errors();
            }
        }
        JsonArray t = new JsonArray();
        for (int i = 0; i < n; i++) {
            t.add(from + i * step);
        }
        JsonArray s = new JsonArray();
        series.forEach((k, v) -> {
            JsonArray a = new JsonArray();
            for (long x : v) {
                a.add(x);
            }
            s.add(new JsonObject().put("key", k).put("values", a));
        });
        return new JsonObject().put("t", t).put("step_ms", step).put("series", s);
    }

    private static JsonArray byRows(Dimension by, Map<String, Totals> perKey, Map<String, Map<String, Long>> types) {
        String name = by == Dimension.AGENT ? "agent_id" : "model";
        List<Map.Entry<String, Totals>> failing = perKey.entrySet().stream().filter(e -> e.getValue().errors() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> -e.getValue().errors())
                        .thenComparing(Map.Entry::getKey))
                .limit(BY_ROWS).toList();
        JsonArray rows = new JsonArray();
        for (Map.Entry<String, Totals> e : failing) {
            List<Map.Entry<String, Long>> mine = ranked(types.getOrDefault(e.getKey(), Map.of()));
            rows.add(new JsonObject().put(name, e.getKey()).put("calls", e.getValue().count())
                    .put("errors", e.getValue().errors()).put("error_rate", Json.num(e.getValue().errorRate()))
                    .put("top_error_type", mine.isEmpty() ? null : mine.get(0).getKey())
                    .put("top_type_errors", mine.isEmpty() ? 0L : mine.get(0).getValue()));
        }
        return rows;
    }
}
