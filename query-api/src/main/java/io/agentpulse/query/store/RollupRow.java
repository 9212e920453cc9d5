package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.RollupKey;

/** One stored rollup row (the columns the query API reads); latencySketch in SketchCodec encoding. */
public record RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                        long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                        long cachedInputTokens, double costUsd, byte[] latencySketch, java.util.Map<String, Long> errorTypes,
                        Feedback feedback) {

    /** The row's scores: count, sum and the 10 bucket counts; null when the row holds none. */
    public record Feedback(long count, double sum, long[] histogram) {}

    /** errorTypes: failed calls by error type (empty when none failed); never null. feedback: null without scores. */
    public RollupRow {
        errorTypes = errorTypes == null ? java.util.Map.of() : java.util.Map.copyOf(errorTypes);
    }

    /** A row with failed calls by type and no feedback. */
    public RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                     long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                     long cachedInputTokens, double costUsd, byte[] latencySketch, java.util.Map<String, Long> errorTypes) {
        this(granularity, grp, agentId, model, operation, windowStartMs, count, errors, inputTokens, outputTokens,
                cachedInputTokens, costUsd, latencySketch, errorTypes, null);
    }

    /** A row with feedback and no failed calls by type. */
    public RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                     long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                     long cachedInputTokens, double costUsd, byte[] latencySketch, Feedback feedback) {
        this(granularity, grp, agentId, model, operation, windowStartMs, count, errors, inputTokens, outputTokens,
                cachedInputTokens, costUsd, latencySketch, java.util.Map.of(), feedback);
    }

    /** A row without failed calls by type (rows written before V45, and most test rows) nor feedback. */
    public RollupRow(Granularity granularity, String grp, String agentId, String model, String operation,
                     long windowStartMs, long count, long errors, long inputTokens, long outputTokens,
                     long cachedInputTokens, double costUsd, byte[] latencySketch) {
        this(granularity, grp, agentId, model, operation, windowStartMs, count, errors, inputTokens, outputTokens,
                cachedInputTokens, costUsd, latencySketch, java.util.Map.of(), null);
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
        return RollupKey.window(granularity.label(), grp, agentId, model, operation, windowStartMs);
    }
}
