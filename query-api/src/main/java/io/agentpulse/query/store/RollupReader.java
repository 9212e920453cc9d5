package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import java.util.List;

/**
 * Reads rollup rows. A row counts when its window_start lies in the segment's [from, to).
 * Counts and sums are exact; sketches are merged, never averaged. Implementations:
 * {@link PgRollupReader} (vertx-pg-client) and {@link InMemoryRollupReader}; one contract test
 * (RollupReaderContract) runs against both.
 */
public interface RollupReader {
    /** Totals of all matching rows (zeros and an empty sketch when none). */
    Future<Totals> totals(RollupQuery q, boolean withSketch);

    /** Up to limit values of dim with calls, by summed count descending then value ascending. */
    Future<List<String>> topKeys(RollupQuery q, Dimension dim, int limit);

    /**
     * Totals per (bucket, key): bucket = floor(window_start / stepMs) * stepMs (epoch ms); key is
     * the value of dim, or "all" when dim is null. When keys is non-null only those keys are read.
     * Only non-empty buckets are returned, ordered by bucket start.
     */
    Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch);

    /**
     * The sums (no sketch) of each matching row as a bucket of one window: start = the row's window_start,
     * key as in {@link #buckets} (only {@code keys} when non-null). Not added up: a key may come several
     * times per window (several rows under pinned filters); in no particular order. For callers that add
     * them up themselves ({@link LiveSketches}): PostgreSQL returns them straight from an index-only scan,
     * where grouping 12k (window, agent) pairs by SQL took longer than the scan (EXPLAIN ANALYZE: 50-100 ms
     * against 9-24 ms, on a loaded machine).
     */
    default Future<List<Bucket>> windowRows(RollupQuery q, Dimension dim, List<String> keys) {
        return buckets(q, q.segment().granularity().millis(), dim, keys, false);
    }

    /**
     * Totals with sketches per pair (value of a, value of b), keyed List.of(a value, b value), in
     * no particular order. One read serves two breakdowns of the same rows (an agent's calls by
     * model and by operation): each row's sketch is decoded once. For pinned queries (few pairs
     * per window): read in chunks of ReadChunks.WINDOWS_PER_CHUNK windows, like totals.
     */
    Future<java.util.Map<List<String>, Totals>> pairs(RollupQuery q, Dimension a, Dimension b);

    /**
     * Calls and user feedback (count, sum, 10-bucket distribution) per bucket of stepMs (as
     * {@link #buckets}), summed over every matching row; only buckets holding calls or scores, by start.
     */
    Future<List<FeedbackStep>> feedback(RollupQuery q, long stepMs);

    /**
     * Failed calls per (bucket, key, error type) of the matching rows: bucket as in
     * {@link #buckets}; key is the value of dim, or "all" when dim is null. Exact counts (the rows'
     * error_types add up); ordered by bucket, key, type.
     */
    Future<List<ErrorCount>> errorTypes(RollupQuery q, long stepMs, Dimension dim);

    /**
     * Totals per (bucket, grp) of the rows of any of {@code grps} (slices of one group by a dimension,
     * contract/Dimensions) in the segment, matching the pinned filters of {@code filters} (its slice is
     * ignored: the grps carry it). Bucket as in {@link #buckets}; key = the row's grp; by bucket, then key.
     */
    Future<List<Bucket>> sliceBuckets(List<String> grps, Filters filters, Segment segment, long stepMs, boolean withSketch);

    /**
     * The values of a slicing dimension counted in any window starting in [fromMs, toMs) (a value's
     * first and last window bound it), sorted; raw values, not escaped.
     */
    Future<List<String>> dimensionValues(String dimension, long fromMs, long toMs);

    /** Succeeds when the store answers. */
    Future<Void> ping();

    Future<Void> close();
}
