package io.agentpulse.processor.topology;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/** The published form of one window's sum (the rollups topic's value). */
final class Rollup {
    private Rollup() {}

    static WindowRollup of(WindowKey k, Aggregate sum, boolean isFinal, long nowMs) {
        return WindowRollup.newBuilder()
                .setGranularity(k.granularity().label()).setGrp(k.grp()).setAgentId(k.agent())
                .setModel(k.model()).setOperation(k.operation())
                .setWindowStart(Instant.ofEpochMilli(k.start())).setWindowEnd(Instant.ofEpochMilli(k.end()))
                .setIsFinal(isFinal).setCount(sum.count).setErrors(sum.errors)
                .setInputTokens(sum.inputTokens).setOutputTokens(sum.outputTokens)
                .setCachedInputTokens(sum.cachedTokens).setReasoningTokens(sum.reasoningTokens)
                .setCostUsd(sum.costUsd())
                .setLatencySketch(ByteBuffer.wrap(sum.latencyBytes())) // the changelog's bytes too: encoded once
                .setTtftSketch(sum.ttft == null ? null : ByteBuffer.wrap(sum.ttftBytes()))
                .setP50Ms(quantile(sum, 0.50)).setP95Ms(quantile(sum, 0.95)).setP99Ms(quantile(sum, 0.99))
                .setErrorTypes(sum.errorTypes == null ? java.util.Map.of() : new java.util.HashMap<>(sum.errorTypes))
                .setUpdatedAt(Instant.ofEpochMilli(nowMs))
                .setFeedbackCount(sum.feedbackCount).setFeedbackSum(sum.feedbackSum())
                .setFeedbackHistogram(sum.feedbackBuckets == null ? null : Arrays.stream(sum.feedbackBuckets).boxed().toList())
                .build();
    }

    private static Double quantile(Aggregate a, double q) {
        double v = SketchCodec.quantile(a.latency, q);
        return Double.isNaN(v) ? null : v;
    }
}
