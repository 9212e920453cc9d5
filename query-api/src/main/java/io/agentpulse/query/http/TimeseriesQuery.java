package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.Bucket;
import io.agentpulse.query.store.RollupQuery;
import io.agentpulse.query.store.RollupReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/timeseries, columnar for uPlot: one shared t axis (bucket starts, epoch ms) and one
 * values array per series, null where a bucket has no rows. The range is widened to whole steps,
 * so every bucket holds whole windows of the chosen table. Several metrics at once
 * (metric=requests,errors,p95, no group_by): one read of the rollups, one series per metric keyed
 * by its name, so a page of charts costs one request and one query instead of one each.
 */
final class TimeseriesQuery {
    /** Upper bound on buckets per answer (a browser chart needs far fewer). */
    static final int MAX_POINTS = 5_000;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final RollupReader reader;
    private final Planner planner;
    private final Clock clock;

    TimeseriesQuery(RollupReader reader, Planner planner, Clock clock) {
        this.reader = reader;
        this.planner = planner;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        List<Metric> metrics = Metric.parseList(q.apply("metric"));
        Params.Range range = Params.range(q, clock);
        Long given = Params.step(q.apply("step"));
        long step = given != null ? given : planner.autoStep(range.fromMs(), range.toMs());
        long from = Math.floorDiv(range.fromMs(), step) * step;
        long to = Math.floorDiv(range.toMs() + step - 1, step) * step;
        if ((to - from) / step > MAX_POINTS) {
            throw new ParamException("step", "too-many-points", "The step " + step + " ms gives more than "
                    + MAX_POINTS + " points over this range; choose a larger step.");
        }
        String rawGroup = q.apply("group_by");
        boolean bySlice = rawGroup != null && planner.dimensions().has(rawGroup.trim());
        Dimension groupBy = bySlice ? null : Params.groupBy(rawGroup);
        if (metrics.size() > 1 && (groupBy != null || bySlice)) {
            throw new ParamException("metric", "one-metric-with-group-by", "The parameter metric names "
                    + metrics.size() + " metrics; with group_by, ask for one metric at a time.");
        }
        boolean sketch = metrics.stream().anyMatch(Metric::needsSketch);
        int limit = Params.limit(q.apply("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Filters filters = Params.filters(q, planner.dimensions());
        Granularity g = planner.forStep(step);
        if (bySlice) {
            return bySlice(q, rawGroup.trim(), filters, metrics, new Segment(g, from, to), step, sketch, limit);
        }
        RollupQuery rq = new RollupQuery(Planner.group(filters, groupBy), filters, new Segment(g, from, to));
        String pinned = q.apply(Compare.KEYS); // the previous period of a compare draws the current period's keys
        Future<List<String>> keys = groupBy == null
                ? Future.succeededFuture(List.of("all"))
                : pinned != null ? Future.succeededFuture(new JsonArray(pinned).stream().map(String::valueOf).toList())
                : reader.topKeys(rankingQuery(rq, from, to), groupBy, limit);
        return keys.compose(k -> reader.buckets(rq, step, groupBy, groupBy == null ? null : k, sketch)
                .map(buckets -> toJson(metrics, g, step, from, to, k, buckets)));
    }

    /**
     * group_by a slicing dimension: one series per value (the top {@code limit} by calls over the
     * range, or the compare's pinned keys), read from the slices of the group the filters pin.
     */
    private Future<JsonObject> bySlice(Function<String, String> q, String dimension, Filters filters, List<Metric> metrics,
                                       Segment seg, long step, boolean sketch, int limit) {
        if (filters.slice() != null) {
            throw new ParamException(filters.slice().dimension(), "one-dimension", "A chart grouped by " + dimension
                    + " cannot also filter by " + filters.slice().dimension() + ": rollups are sliced by one dimension at a time.");
        }
        String group = Planner.group(filters, null);
        String pinned = q.apply(Compare.KEYS);
        return reader.dimensionValues(dimension, seg.fromMs(), seg.toMs()).compose(values -> {
            Map<String, String> valueOf = new LinkedHashMap<>();
            values.forEach(v -> valueOf.put(io.agentpulse.contract.Dimensions.slice(group, dimension, v), v));
            Future<List<Bucket>> read = valueOf.isEmpty() ? Future.succeededFuture(List.of())
                    : reader.sliceBuckets(List.copyOf(valueOf.keySet()), filters, seg, step, sketch);
            return read.map(raw -> {
                List<Bucket> buckets = new ArrayList<>();
                Map<String, Long> calls = new LinkedHashMap<>();
                for (Bucket b : raw) {
                    String v = valueOf.get(b.key());
                    buckets.add(new Bucket(b.startMs(), v, b.totals()));
                    calls.merge(v, b.totals().count(), Long::sum);
                }
                List<String> keys = pinned != null ? new JsonArray(pinned).stream().map(String::valueOf).toList()
                        : calls.entrySet().stream().filter(e -> e.getValue() > 0)
                                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                                .limit(limit).map(Map.Entry::getKey).toList();
                return toJson(metrics, seg.granularity(), step, seg.fromMs(), seg.toMs(), keys,
                        buckets.stream().filter(b -> keys.contains(b.key())).toList());
            });
        });
    }

    /**
     * The top keys are ranked on the longest segment of the planner's cover: the coarsest table
     * over the aligned middle of the range (a year: ~365 day rows per key instead of ~8,760 hour
     * rows; a day: 23 hour rows instead of 1,440 minute rows). The edges (under one coarse window
     * each side) do not take part in the ranking; the values of the chosen keys cover the whole range.
     */
    private RollupQuery rankingQuery(RollupQuery rq, long from, long to) {
        Segment longest = rq.segment();
        long best = -1;
        for (Segment s : planner.cover(from, to)) {
            if (s.toMs() - s.fromMs() > best) {
                best = s.toMs() - s.fromMs();
                longest = s;
            }
        }
        return new RollupQuery(rq.grp(), rq.filters(), longest);
    }

    /** One metric: a series per key. Several (keys = ["all"]): a series per metric, keyed by its name. */
    static JsonObject toJson(List<Metric> metrics, Granularity g, long step, long from, long to, List<String> keys,
                             List<Bucket> buckets) {
        int n = (int) ((to - from) / step);
        JsonArray t = new JsonArray();
        for (int i = 0; i < n; i++) {
            t.add(from + i * step);
        }
        Map<String, Double[]> values = new LinkedHashMap<>();
        boolean byMetric = metrics.size() > 1;
        (byMetric ? metrics.stream().map(Metric::label).toList() : keys).forEach(k -> values.put(k, new Double[n]));
        for (Bucket b : buckets) {
            int i = (int) ((b.startMs() - from) / step);
            if (i < 0 || i >= n) {
                continue;
            }
            for (Metric m : metrics) {
                Double[] column = values.get(byMetric ? m.label() : b.key());
                if (column != null) {
                    column[i] = m.value(b.totals(), step);
                }
            }
        }
        List<JsonObject> series = new ArrayList<>();
        values.forEach((k, v) -> series.add(new JsonObject().put("key", k).put("values", new JsonArray(java.util.Arrays.asList(v)))));
        String label = String.join(",", metrics.stream().map(Metric::label).toList());
        return new JsonObject().put("metric", label).put("step_ms", step)
                .put("granularity", g.label()).put("t", t).put("series", new JsonArray(series));
    }
}
