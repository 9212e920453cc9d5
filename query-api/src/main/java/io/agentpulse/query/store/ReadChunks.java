package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link PgRollupReader#buckets} cuts one read into queries: bounded chunks of windows, so the rows
 * (and sketches) one statement returns stay bounded whatever the range, and a big read with sketches in
 * at least two chunks, one per lane, so both cores decode. Chunk edges fall on bucket edges when a bucket
 * is shorter than a chunk, so no bucket is split needlessly.
 */
final class ReadChunks {
    /**
     * Windows per series read in one query: long ranges are read in sequential chunks (a day of
     * 1m windows), so the sketches held at once stay bounded (~0.5 MB per series).
     */
    static final int WINDOWS_PER_CHUNK = 1_440;
    /**
     * Rows with sketches read in one query when a query spans many keys (e.g. a year of day rows
     * of 1000 agents is 365k sketches, ~0.8 GB: one array_agg of it ran for minutes): the range
     * is cut into chunks of about this many rows, given KEYS_ESTIMATE keys per window.
     */
    static final int SKETCH_ROWS_PER_CHUNK = 20_000;
    /** Keys per window assumed for a dimension read without a key list (the fleet's order of agents). */
    static final int KEYS_ESTIMATE = 1_000;
    /** Concurrent chunk reads of one read with sketches: this machine's kind has two cores. */
    static final int LANES = 2;
    /** Rows with sketches above which a read is cut in two chunks at least, one per lane (~10 ms of decoding). */
    static final int PARALLEL_ROWS = 4_000;

    private ReadChunks() {}

    /** The segment cut into chunks; chunk edges on bucket edges when a bucket is shorter. */
    static List<RollupQuery> of(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        Segment seg = q.segment();
        long g = seg.granularity().millis();
        long windows = WINDOWS_PER_CHUNK;
        if (withSketch && dim != null) {
            int perWindow = keys != null ? Math.max(1, keys.size()) : KEYS_ESTIMATE;
            windows = Math.max(1, Math.min(windows, SKETCH_ROWS_PER_CHUNK / perWindow));
            long total = Math.floorDiv(seg.toMs() - seg.fromMs() + g - 1, g);
            if (total * perWindow > PARALLEL_ROWS && total > 1) {
                windows = Math.min(windows, (total + 1) / 2);
            }
        }
        long chunk = g * windows;
        long perChunk = stepMs <= chunk ? Math.max(1, chunk / stepMs) * stepMs : chunk;
        List<RollupQuery> parts = new ArrayList<>();
        long lo = seg.fromMs();
        while (lo < seg.toMs()) {
            long base = stepMs <= chunk ? Math.floorDiv(lo, stepMs) * stepMs : lo;
            long hi = Math.min(seg.toMs(), base + perChunk);
            parts.add(new RollupQuery(q.grp(), q.filters(), new Segment(seg.granularity(), lo, hi)));
            lo = hi;
        }
        return parts;
    }
}
