package io.agentpulse.bench.accuracy;

/**
 * A Prometheus classic histogram with fixed upper bounds (plus +Inf), and PromQL's
 * histogram_quantile: find the bucket holding rank q x total and interpolate linearly between its
 * lower and upper bound (lower = 0 for the first bucket); a rank in the +Inf bucket answers the
 * highest finite bound. Values and bounds share one unit.
 */
final class PromHistogram {
    /** OpenTelemetry GenAI semantic conventions' advisory buckets for gen_ai.client.operation.duration, seconds. */
    static final double[] GENAI_DURATION_SECONDS = {
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};

    private final double[] bounds;
    private final long[] counts; // per bucket, last = +Inf
    private long total;

    PromHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length + 1];
    }

    /** Prometheus buckets are "less than or equal" (le). */
    void observe(double v) {
        int i = 0;
        while (i < bounds.length && v > bounds[i]) {
            i++;
        }
        counts[i]++;
        total++;
    }

    double quantile(double q) {
        double rank = q * total;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            long before = cumulative;
            cumulative += counts[i];
            if (cumulative >= rank && counts[i] > 0) {
                if (i == bounds.length) {
                    return bounds[bounds.length - 1];
                }
                double lo = i == 0 ? 0 : bounds[i - 1];
                return lo + (bounds[i] - lo) * (rank - before) / counts[i];
            }
        }
        return Double.NaN;
    }
}
