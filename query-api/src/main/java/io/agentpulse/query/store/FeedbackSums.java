package io.agentpulse.query.store;

import java.util.Arrays;

/**
 * User feedback over some rollup rows: the calls of those rows, the scores (FEEDBACK events) with
 * their sum, and the exact 10-bucket distribution of scores ([0, 0.1), ..., [0.9, 1.0], 1.0 in the
 * last), all merged by addition. Mutable accumulator, confined to one thread like {@link Totals}.
 */
public final class FeedbackSums {
    public static final int BUCKETS = 10;
    private long calls;
    private long count;
    private double sum;
    private final long[] histogram = new long[BUCKETS];

    /** Adds one row (or one SQL group); histogram may be null (no feedback) or shorter than BUCKETS. */
    public FeedbackSums add(long calls, long count, double sum, long[] histogram) {
        this.calls += calls;
        this.count += count;
        this.sum += sum;
        if (histogram != null) {
            for (int i = 0; i < Math.min(BUCKETS, histogram.length); i++) {
                this.histogram[i] += histogram[i];
            }
        }
        return this;
    }

    public FeedbackSums add(FeedbackSums o) {
        return add(o.calls, o.count, o.sum, o.histogram);
    }

    /** Calls (SPAN events) of the same rows: the denominator of the rated share. */
    public long calls() {
        return calls;
    }

    /** Scores. */
    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public long[] histogram() {
        return Arrays.copyOf(histogram, BUCKETS);
    }

    /** The mean score, NaN without scores. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Scores per call of the same rows, NaN without calls. It is the share of calls rated when each
     * call gets at most one score; an agent scoring a call twice counts twice (the rollups keep no ids).
     */
    public double ratedShare() {
        return calls == 0 ? Double.NaN : (double) count / calls;
    }
}
