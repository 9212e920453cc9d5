package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertMetric;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.Collection;
import java.util.Map;

/**
 * Computes a metric over a series' windows in a trailing range: windows that end after
 * {@code now - range}. Percentiles come from the merged DDSketches (never averaged); rates divide
 * by the covered span (from the oldest included window's start to now, at least one minute).
 */
final class Measure {
    static final long MINUTE = 60_000L;

    /** A measured value and the number of calls it rests on. */
    record Sample(double value, long samples) {}

    private Measure() {}

    static Sample over(SeriesState s, AlertMetric metric, long rangeMs, long now) {
        Map<Long, SeriesState.Win> in = s.windows.subMap(now - rangeMs - MINUTE, false, now, true);
        long count = 0;
        long errors = 0;
        long tokens = 0;
        double cost = 0;
        long feedback = 0;
        double feedbackSum = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<Long, SeriesState.Win> e : in.entrySet()) {
            SeriesState.Win w = e.getValue();
            count += w.count;
            errors += w.errors;
            tokens += w.tokens;
            cost += w.costUsd;
            feedback += w.feedbackCount;
            feedbackSum += w.feedbackSum;
            oldest = Math.min(oldest, e.getKey());
        }
        double spanMs = Math.max(MINUTE, now - oldest);
        return switch (metric) {
            case ERROR_RATE -> new Sample(count == 0 ? 0 : (double) errors / count, count);
            case REQUEST_RATE -> new Sample(count * 1000.0 / spanMs, count);
            case TOKENS_PER_MINUTE -> new Sample(tokens * (double) MINUTE / spanMs, count);
            case COST_PER_HOUR -> new Sample(cost * 3_600_000.0 / spanMs, count);
            case LATENCY_P50 -> quantile(in.values(), false, 0.50, count);
            case LATENCY_P95 -> quantile(in.values(), false, 0.95, count);
            case LATENCY_P99 -> quantile(in.values(), false, 0.99, count);
            case TTFT_P95 -> quantile(in.values(), true, 0.95, count);
            case FEEDBACK_SCORE -> new Sample(feedback == 0 ? Double.NaN : feedbackSum / feedback, feedback);
            case NO_DATA -> new Sample(s.lastSeen == 0 ? 0 : (now - s.lastSeen) / 1000.0, count);
            case SPEND_DAY, SPEND_MONTH, COST_PER_CALL, COST_VS_USAGE -> new Sample(Double.NaN, 0); // Budgets reads these
            case HOST_CPU_MAX, HOST_CPU_AVG, HOST_MEMORY_MAX, HOST_MEMORY_AVG -> new Sample(Double.NaN, 0); // HostRules measures these
        };
    }

    /** What min_samples counts in one window: scores for the feedback metric, calls for the others. */
    static long samplesOf(SeriesState.Win w, AlertMetric metric) {
        return metric == AlertMetric.FEEDBACK_SCORE ? w.feedbackCount : w.count;
    }

    /** The value of one window alone (for anomaly baselines): its rate over a full minute. */
    static double ofWindow(SeriesState.Win w, AlertMetric metric) {
        return switch (metric) {
            case ERROR_RATE -> w.count == 0 ? 0 : (double) w.errors / w.count;
            case REQUEST_RATE -> w.count / 60.0;
            case TOKENS_PER_MINUTE -> w.tokens;
            case COST_PER_HOUR -> w.costUsd * 60;
            case LATENCY_P50 -> q(w.latency, 0.50);
            case LATENCY_P95 -> q(w.latency, 0.95);
            case LATENCY_P99 -> q(w.latency, 0.99);
            case TTFT_P95 -> q(w.ttft, 0.95);
            case FEEDBACK_SCORE -> w.feedbackCount == 0 ? Double.NaN : w.feedbackSum / w.feedbackCount;
            case NO_DATA -> 0;
            case SPEND_DAY, SPEND_MONTH, COST_PER_CALL, COST_VS_USAGE -> Double.NaN;
            case HOST_CPU_MAX, HOST_CPU_AVG, HOST_MEMORY_MAX, HOST_MEMORY_AVG -> Double.NaN;
        };
    }

    private static double q(byte[] sketch, double quantile) {
        return sketch == null ? Double.NaN : SketchCodec.quantile(SketchCodec.decode(sketch), quantile);
    }

    private static Sample quantile(Collection<SeriesState.Win> windows, boolean ttft, double q, long count) {
        DDSketch merged = SketchCodec.newSketch();
        for (SeriesState.Win w : windows) {
            byte[] b = ttft ? w.ttft : w.latency;
            if (b != null) {
                merged.mergeWith(SketchCodec.decode(b));
            }
        }
        long n = (long) merged.getCount();
        return new Sample(n == 0 ? Double.NaN : SketchCodec.quantile(merged, q), ttft ? n : count);
    }
}
