package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Rows in a map keyed like the tables' primary key; put() upserts. For tests and demos. */
public final class InMemoryRollupReader implements RollupReader {
    private final Map<String, RollupRow> rows = new ConcurrentHashMap<>();

    public InMemoryRollupReader put(RollupRow row) {
        rows.put(row.key(), row);
        return this;
    }

    @Override
    public Future<Totals> totals(RollupQuery q, boolean withSketch) {
        Totals t = new Totals();
        matching(q).forEach(r -> add(t, r, withSketch));
        return Future.succeededFuture(t);
    }

    @Override
    public Future<List<String>> topKeys(RollupQuery q, Dimension dim, int limit) {
        Map<String, Long> counts = new HashMap<>();
        matching(q).forEach(r -> counts.merge(r.value(dim), r.count(), Long::sum));
        List<String> keys = counts.entrySet().stream().filter(e -> e.getValue() > 0) // as PostgreSQL: keys with calls
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
        return Future.succeededFuture(keys);
    }

    @Override
    public Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        Map<Long, Map<String, Totals>> byBucket = new TreeMap<>();
        matching(q).forEach(r -> {
            String key = dim == null ? "all" : r.value(dim);
            if (keys != null && !keys.contains(key)) {
                return;
            }
            long b = Math.floorDiv(r.windowStartMs(), stepMs) * stepMs;
            add(byBucket.computeIfAbsent(b, x -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Totals()), r, withSketch);
        });
        List<Bucket> out = new ArrayList<>();
        byBucket.forEach((b, m) -> m.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> out.add(new Bucket(b, e.getKey(), e.getValue()))));
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Map<List<String>, Totals>> pairs(RollupQuery q, Dimension a, Dimension b) {
        Map<List<String>, Totals> out = new HashMap<>();
        matching(q).forEach(r -> add(out.computeIfAbsent(List.of(r.value(a), r.value(b)), k -> new Totals()), r, true));
        return Future.succeededFuture(out);
    }

    @Override
    public Future<List<FeedbackStep>> feedback(RollupQuery q, long stepMs) {
        Map<Long, FeedbackSums> byBucket = new TreeMap<>();
        matching(q).forEach(r -> {
            RollupRow.Feedback f = r.feedback();
            byBucket.computeIfAbsent(Math.floorDiv(r.windowStartMs(), stepMs) * stepMs, b -> new FeedbackSums())
                    .add(r.count(), f == null ? 0 : f.count(), f == null ? 0 : f.sum(), f == null ? null : f.histogram());
        });
        List<FeedbackStep> out = new ArrayList<>();
        byBucket.forEach((b, s) -> {
            if (s.calls() > 0 || s.count() > 0) {
                out.add(new FeedbackStep(b, s));
            }
        });
        return Future.succeededFuture(out);
    }

    @Override
    public Future<List<ErrorCount>> errorTypes(RollupQuery q, long stepMs, Dimension dim) {
        Map<List<Object>, Long> sums = new HashMap<>();
        matching(q).forEach(r -> r.errorTypes().forEach((type, n) -> sums.merge(
                List.of(Math.floorDiv(r.windowStartMs(), stepMs) * stepMs, dim == null ? "all" : r.value(dim), type), n, Long::sum)));
        List<ErrorCount> out = new ArrayList<>();
        sums.forEach((k, n) -> out.add(new ErrorCount((Long) k.get(0), (String) k.get(1), (String) k.get(2), n)));
        out.sort(Comparator.comparingLong(ErrorCount::startMs).thenComparing(ErrorCount::key).thenComparing(ErrorCount::type));
        return Future.succeededFuture(out);
    }

    @Override
    public Future<List<Bucket>> sliceBuckets(List<String> grps, Filters filters, io.agentpulse.query.plan.Segment segment,
                                             long stepMs, boolean withSketch) {
        Map<Long, Map<String, Totals>> byBucket = new TreeMap<>();
        for (String grp : grps) {
            matching(new RollupQuery(grp, filters, segment)).forEach(r -> add(byBucket
                    .computeIfAbsent(Math.floorDiv(r.windowStartMs(), stepMs) * stepMs, x -> new TreeMap<>())
                    .computeIfAbsent(grp, k -> new Totals()), r, withSketch));
        }
        List<Bucket> out = new ArrayList<>();
        byBucket.forEach((b, m) -> m.forEach((k, t) -> out.add(new Bucket(b, k, t))));
        return Future.succeededFuture(out);
    }

    @Override
    public Future<List<String>> dimensionValues(String dimension, long fromMs, long toMs) {
        String prefix = io.agentpulse.contract.Dimensions.slicePrefix("all", dimension);
        List<String> values = rows.values().stream()
                .filter(r -> r.grp().startsWith(prefix) && r.windowStartMs() >= fromMs && r.windowStartMs() < toMs)
                .map(r -> io.agentpulse.contract.Dimensions.parse(r.grp()).value()).distinct().sorted().toList();
        return Future.succeededFuture(values);
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }

    private Stream<RollupRow> matching(RollupQuery q) {
        Filters f = q.filters();
        return rows.values().stream()
                .filter(r -> r.granularity() == q.segment().granularity() && r.grp().equals(q.grp()))
                .filter(r -> r.windowStartMs() >= q.segment().fromMs() && r.windowStartMs() < q.segment().toMs())
                .filter(r -> f.pinned().stream().allMatch(d -> f.value(d).equals(r.value(d))));
    }

    private static void add(Totals t, RollupRow r, boolean withSketch) {
        t.addSums(r.count(), r.errors(), r.inputTokens(), r.outputTokens(), r.cachedInputTokens(), r.costUsd());
        if (withSketch) {
            t.mergeSketch(r.latencySketch());
        }
    }
}
