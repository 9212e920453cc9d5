package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** A reader that passes every read to {@code delegate}; caches extend it and override what they cache. */
abstract class ForwardingRollupReader implements RollupReader {
    final RollupReader delegate;

    ForwardingRollupReader(RollupReader delegate) {
        this.delegate = delegate;
    }

    @Override
    public Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        return delegate.buckets(q, stepMs, dim, keys, withSketch);
    }

    @Override
    public Future<List<Bucket>> windowRows(RollupQuery q, Dimension dim, List<String> keys) {
        return delegate.windowRows(q, dim, keys);
    }

    @Override
    public Future<Totals> totals(RollupQuery q, boolean withSketch) {
        return delegate.totals(q, withSketch);
    }

    @Override
    public Future<List<String>> topKeys(RollupQuery q, Dimension dim, int limit) {
        return delegate.topKeys(q, dim, limit);
    }

    @Override
    public Future<Map<List<String>, Totals>> pairs(RollupQuery q, Dimension a, Dimension b) {
        return delegate.pairs(q, a, b);
    }

    @Override
    public Future<List<FeedbackStep>> feedback(RollupQuery q, long stepMs) {
        return delegate.feedback(q, stepMs);
    }

    @Override
    public Future<List<ErrorCount>> errorTypes(RollupQuery q, long stepMs, Dimension dim) {
        return delegate.errorTypes(q, stepMs, dim);
    }

    @Override
    public Future<List<Bucket>> sliceBuckets(List<String> grps, Filters filters, Segment segment, long stepMs, boolean withSketch) {
        return delegate.sliceBuckets(grps, filters, segment, stepMs, withSketch);
    }

    @Override
    public Future<List<String>> dimensionValues(String dimension, long fromMs, long toMs) {
        return delegate.dimensionValues(dimension, fromMs, toMs);
    }

    @Override
    public Future<Void> ping() {
        return delegate.ping();
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }
}
