package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Granularity;

/** One stored rollup row (the columns the query API reads); latencySketch in SketchCodec encoding. */
public record RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                        long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                        long cachedInputTokens, double costUsd, byte[] latencySketch, java.util.Map<String, Long> errorTypes) {

    /** errorTypes: failed calls by error type (empty when none failed); never null. */
    public RollupRow {
        errorTypes = errorTypes == null ? java.util.Map.of() : java.util.Map.copyOf(errorTypes);
    }

    /** A row without failed calls by type (rows written before V45, and most test rows). */
    public RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                     long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                     long cachedInputTokens, double costUsd, byte[] latencySketch) {
        this(granularity, grp, agentId, model, operation, windowStartMs, count, errors, inputTokens, outputTokens,
                cachedInputTokens, costUsd, latencySketch, java.util.Map.of());
    }

    String value(Dimension d) {
        return switch (d) {
            case AGENT -> agentId;
            case MODEL -> model;
            case OPERATION -> operation;
        };
    }

    /** The primary key of the table, as one string. */
    String key() {
        return granularity.label() + '|' + grp + '|' + agentId + '|' + model + '|' + operation + '|' + windowStartMs;
    }
}
