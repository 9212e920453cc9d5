package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.SliceException;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.Bucket;
import io.agentpulse.query.store.FeedbackStep;
import io.agentpulse.query.store.FeedbackSums;
import io.agentpulse.query.store.RollupQuery;
import io.agentpulse.query.store.RollupReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals per value of one dimension over a range, merged across the planner's segments (sketches merged). */
final class Breakdowns {
    /** A step longer than any range: every window of a segment falls in the one bucket 0. */
    private static final long WHOLE_RANGE_STEP = 1L << 50;

    private final RollupReader reader;
    private final Planner planner;

    /** The slicing dimensions the planner knows (AGENTPULSE_DIMENSIONS). */
    io.agentpulse.contract.Dimensions dimensions() {
        return planner.dimensions();
    }

    Breakdowns(RollupReader reader, Planner planner) {
        this.reader = reader;
        this.planner = planner;
    }

    /**
     * Key -> totals, ordered by count descending then key. dim null = the one key "all".
     * withSketch false reads the exact sums only (no sketch leaves the database, and the hour and
     * day tables answer from their covering index, V31): every percentile of the answer is then null.
     */
    Future<Map<String, Totals>> byKey(Filters filters, Dimension dim, long fromMs, long toMs, boolean withSketch) {
        List<Future<List<Bucket>>> parts = new ArrayList<>();
        for (Segment s : planner.cover(fromMs, toMs)) {
            parts.add(reader.buckets(new RollupQuery(Planner.group(filters, dim), filters, s),
                    WHOLE_RANGE_STEP, dim, null, withSketch));
        }
        return Future.all(parts).map(done -> {
            Map<String, Totals> sums = new HashMap<>();
            parts.forEach(p -> p.result().forEach(b -> sums.computeIfAbsent(b.key(), k -> new Totals()).add(b.totals())));
            return ordered(sums);
        });
    }

    /**
     * Totals per value of slicing dimension {@code dimension} over [fromMs, toMs), of the group the
     * filters pin (the fleet, or one agent, model or operation): one read per segment of the rows of
     * every value's slice. Values come from the store's list of values seen in the range.
     */
    Future<Map<String, Totals>> bySlice(Filters filters, String dimension, long fromMs, long toMs, boolean withSketch) {
        Filters plain = filters.unsliced();
        String group = Planner.group(plain, null);
        return reader.dimensionValues(dimension, fromMs, toMs).compose(values -> {
            if (values.isEmpty()) {
                return Future.succeededFuture(Map.<String, Totals>of());
            }
            Map<String, String> valueOf = new HashMap<>();
            values.forEach(v -> valueOf.put(io.agentpulse.contract.Dimensions.slice(group, dimension, v), v));
            List<String> grps = List.copyOf(valueOf.keySet());
            List<Future<List<Bucket>>> parts = new ArrayList<>();
            for (Segment s : planner.cover(fromMs, toMs)) {
                parts.add(reader.sliceBuckets(grps, plain, s, WHOLE_RANGE_STEP, withSketch));
            }
            return Future.all(parts).map(done -> {
                Map<String, Totals> sums = new HashMap<>();
                parts.forEach(p -> p.result().forEach(b -> sums.computeIfAbsent(valueOf.get(b.key()), k -> new Totals()).add(b.totals())));
                return ordered(sums);
            });
        });
    }

    /**
     * Two breakdowns with sketches (by a, by b) from one read of the rows grouped by both: each
     * row's sketch is decoded once (an agent's year by model and by operation: 3,650 series
     * sketches instead of 7,300). Same totals and percentiles as two byKey calls.
     */
    Future<List<Map<String, Totals>>> byTwoKeys(Filters filters, Dimension a, Dimension b, long fromMs, long toMs) {
        if (filters.slice() != null) {
            throw new SliceException(filters.slice().dimension(), "Breakdowns by two of agent, model and operation read"
                    + " the series group, which is not sliced by " + filters.slice().dimension() + ".");
        }
        Set<Dimension> both = EnumSet.of(a, b);
        both.addAll(filters.pinned());
        String grp = both.size() == 1 ? a.grp() : "series";
        List<Future<Map<List<String>, Totals>>> parts = new ArrayList<>();
        for (Segment s : planner.cover(fromMs, toMs)) {
            parts.add(reader.pairs(new RollupQuery(grp, filters, s), a, b));
        }
        return Future.all(parts).map(done -> {
            Map<String, Totals> byA = new HashMap<>();
            Map<String, Totals> byB = new HashMap<>();
            parts.forEach(p -> p.result().forEach((k, t) -> {
                byA.computeIfAbsent(k.get(0), x -> new Totals()).add(t);
                byB.computeIfAbsent(k.get(1), x -> new Totals()).add(t);
            }));
            return List.of(ordered(byA), ordered(byB));
        });
    }

    /**
     * By count descending, then key; keys without calls left out: a row holding only user feedback
     * (a score names no model or operation: `_none`, V46) is no call breakdown's row.
     */
    private static Map<String, Totals> ordered(Map<String, Totals> sums) {
        Map<String, Totals> ordered = new LinkedHashMap<>();
        sums.entrySet().stream().filter(e -> e.getValue().count() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> -e.getValue().count())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    Planner planner() {
        return planner;
    }

    /**
     * Buckets of stepMs per value of dim over [fromMs, toMs) (both on step edges), sums only. Settled steps
     * come from the table tiling the step, the open one (today, on a per-day chart) from finer tables:
     * a coarse window is written when it closes, so reading it alone showed 0 for the current day.
     */
    Future<List<Bucket>> perStep(Filters filters, Dimension dim, long fromMs, long toMs, long stepMs) {
        List<Future<List<Bucket>>> parts = new ArrayList<>();
        for (Segment s : planner.cover(fromMs, toMs, planner.forStep(stepMs))) {
            parts.add(reader.buckets(new RollupQuery(Planner.group(filters, dim), filters, s), stepMs, dim, null, false));
        }
        return Future.all(parts).map(done -> {
            Map<String, Bucket> merged = new LinkedHashMap<>();
            parts.forEach(p -> p.result().forEach(b -> merged.merge(b.startMs() + "|" + b.key(), b, (x, y) -> {
                x.totals().add(y.totals());
                return x;
            })));
            List<Bucket> out = new ArrayList<>(merged.values());
            out.sort(Comparator.comparingLong(Bucket::startMs).thenComparing(Bucket::key));
            return out;
        });
    }

    /** Totals over the range (no dimension); percentiles only when withSketch. */
    Future<Totals> total(Filters filters, long fromMs, long toMs, boolean withSketch) {
        return byKey(filters, null, fromMs, toMs, withSketch).map(m -> m.getOrDefault("all", new Totals()));
    }

    /** Calls and user feedback over [fromMs, toMs), merged across the planner's segments (any range, any table). */
    Future<FeedbackSums> feedbackTotal(Filters filters, long fromMs, long toMs) {
        List<Future<List<FeedbackStep>>> parts = new ArrayList<>();
        for (Segment s : planner.cover(fromMs, toMs)) {
            parts.add(reader.feedback(new RollupQuery(Planner.group(filters, null), filters, s), WHOLE_RANGE_STEP));
        }
        return Future.all(parts).map(done -> {
            FeedbackSums sum = new FeedbackSums();
            parts.forEach(p -> p.result().forEach(st -> sum.add(st.sums())));
            return sum;
        });
    }

    /** Calls and user feedback per step over [fromMs, toMs) (both on step edges): settled steps from the table tiling the step, the open one from finer tables (as {@link #perStep}). */
    Future<List<FeedbackStep>> feedbackPerStep(Filters filters, long fromMs, long toMs, long stepMs) {
        List<Future<List<FeedbackStep>>> parts = new ArrayList<>();
        for (Segment s : planner.cover(fromMs, toMs, planner.forStep(stepMs))) {
            parts.add(reader.feedback(new RollupQuery(Planner.group(filters, null), filters, s), stepMs));
        }
        return Future.all(parts).map(done -> {
            Map<Long, FeedbackSums> merged = new java.util.TreeMap<>();
            parts.forEach(p -> p.result().forEach(st -> merged.computeIfAbsent(st.startMs(), k -> new FeedbackSums()).add(st.sums())));
            List<FeedbackStep> out = new ArrayList<>();
            merged.forEach((start, sums) -> out.add(new FeedbackStep(start, sums)));
            return out;
        });
    }

    /** The flat JSON of one key's totals, used by every table of the dashboard. */
    static JsonObject row(String keyName, String key, Totals t) {
        double calls = t.count();
        double[] p = t.quantiles(0.50, 0.95, 0.99);
        return new JsonObject().put(keyName, key)
                .put("count", t.count()).put("errors", t.errors()).put("error_rate", Json.num(t.errorRate()))
                .put("p50_ms", Json.num(p[0])).put("p95_ms", Json.num(p[1])).put("p99_ms", Json.num(p[2]))
                .put("input_tokens", t.inputTokens()).put("output_tokens", t.outputTokens())
                .put("tokens_per_call", Json.num((t.inputTokens() + t.outputTokens()) / calls))
                .put("output_input_ratio", Json.num((double) t.outputTokens() / t.inputTokens()))
                .put("cost_usd", t.costUsd()).put("cost_per_call", Json.num(t.costUsd() / calls));
    }
}
