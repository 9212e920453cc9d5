package io.agentpulse.processor.topology;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds the distinct values of one rollup dimension per task: the first {@code limit} values are
 * kept, later new ones fold into {@value #OTHER} and are counted. Raw events keep their real values.
 */
final class Cardinality {
    static final String OTHER = "_other";

    private final String dimension;
    private final int limit;
    private final PulseMetrics metrics;
    private final Set<String> known = new HashSet<>();

    Cardinality(String dimension, int limit, PulseMetrics metrics) {
        this.dimension = dimension;
        this.limit = limit;
        this.metrics = metrics;
    }

    String fold(String value) {
        if (known.contains(value)) {
            return value;
        }
        if (known.size() < limit) {
            known.add(value);
            return value;
        }
        metrics.folded(dimension);
        return OTHER;
    }

    /** Re-learns a value after a restart (from the restored open windows), without counting it. */
    void seed(String value) {
        if (!WindowKey.ANY.equals(value) && !OTHER.equals(value) && known.size() < limit) {
            known.add(value);
        }
    }
}
