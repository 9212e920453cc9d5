package io.agentpulse.query.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;

/**
 * Exact sums over some rollup rows plus the merge of their latency sketches (ms). Mutable
 * accumulator; confined to one thread (the event loop that answers the request).
 */
public final class Totals {
    private long count;
    private long errors;
    private long inputTokens;
    private long outputTokens;
    private long cachedInputTokens;
    private double costUsd;
    private final DDSketch latency = SketchCodec.newSketch();

    public Totals addSums(long count, long errors, long input, long output, long cached, double cost) {
        this.count += count;
        this.errors += errors;
        this.inputTokens += input;
        this.outputTokens += output;
        this.cachedInputTokens += cached;
        this.costUsd += cost;
        return this;
    }

    /** Merges an encoded sketch (SketchCodec); percentiles are never averaged. */
    public Totals mergeSketch(byte[] encoded) {
        if (encoded != null && encoded.length > 0) {
            // Decoded straight into the running merge: no sketch object per row (a 1-day chart by
            // model merges ~14k of them). The encoding carries the mapping; a foreign one throws.
            try {
                latency.decodeAndMergeWith(com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput.wrap(encoded));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException("The " + encoded.length + " bytes are not a sketch in SketchCodec's"
                        + " encoding: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Merges only other's latency sketch, sums untouched (null or empty: nothing). Reads other, never changes it. */
    Totals mergeLatency(Totals other) {
        if (other != null && !other.latency.isEmpty()) {
            latency.mergeWith(other.latency);
        }
        return this;
    }

    /**
     * Estimated heap bytes of the latency sketch, for caches that bound their size: a dense store holds
     * 8 bytes per bin between its lowest and highest index plus up to one growth step (64 bins) of slack,
     * and each store and the sketch ~100 bytes of fields and headers.
     */
    long sketchBytes() {
        return 300 + storeBytes(latency.getPositiveValueStore()) + storeBytes(latency.getNegativeValueStore());
    }

    private static long storeBytes(com.datadoghq.sketch.ddsketch.store.Store s) {
        return s.isEmpty() ? 0 : 8L * (s.getMaxIndex() - s.getMinIndex() + 1 + 64);
    }

    public Totals add(Totals other) {
        addSums(other.count, other.errors, other.inputTokens, other.outputTokens,
                other.cachedInputTokens, other.costUsd);
        if (!other.latency.isEmpty()) {
            latency.mergeWith(other.latency);
        }
        return this;
    }

    /** NaN when no latency was recorded. */
    public double quantile(double q) {
        return SketchCodec.quantile(latency, q);
    }

    /** Several quantiles at once (one count pass); NaN each when no latency was recorded. */
    public double[] quantiles(double... qs) {
        return SketchCodec.quantiles(latency, qs);
    }

    public long count() {
        return count;
    }

    public long errors() {
        return errors;
    }

    public long inputTokens() {
        return inputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    public long cachedInputTokens() {
        return cachedInputTokens;
    }

    public double costUsd() {
        return costUsd;
    }

    /** errors / count, NaN when there were no events. */
    public double errorRate() {
        return count == 0 ? Double.NaN : (double) errors / count;
    }
}
