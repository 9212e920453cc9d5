package io.agentpulse.query.sse;

import io.agentpulse.ops.Bytes;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.RollupKey;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.json.JsonObject;

/** WindowRollup -> SSE frame. Percentiles come from the record, else from its sketch; NaN -> null. */
final class RollupFrames {
    private RollupFrames() {}

    /** granularity|grp|agent|model|operation|windowStartMillis, the key of the rollups topic. */
    static String key(WindowRollup r) {
        return RollupKey.window(r.getGranularity(), r.getGrp(), r.getAgentId(), r.getModel(), r.getOperation(),
                r.getWindowStart().toEpochMilli());
    }

    static Frame frame(long seq, WindowRollup r) {
        return Frame.rollup(seq, r.getGrp(), r.getGranularity(), key(r), json(r));
    }

    static JsonObject json(WindowRollup r) {
        Double p50 = r.getP50Ms();
        Double p95 = r.getP95Ms();
        Double p99 = r.getP99Ms();
        if ((p50 == null || p95 == null || p99 == null) && r.getLatencySketch() != null) {
            DDSketch s = SketchCodec.decode(Bytes.of(r.getLatencySketch()));
            p50 = num(SketchCodec.quantile(s, 0.50));
            p95 = num(SketchCodec.quantile(s, 0.95));
            p99 = num(SketchCodec.quantile(s, 0.99));
        }
        return new JsonObject()
                .put("granularity", r.getGranularity()).put("grp", r.getGrp())
                .put("agent_id", r.getAgentId()).put("model", r.getModel()).put("operation", r.getOperation())
                .put("window_start", r.getWindowStart().toEpochMilli()).put("is_final", r.getIsFinal())
                .put("count", r.getCount()).put("errors", r.getErrors())
                .put("input_tokens", r.getInputTokens()).put("output_tokens", r.getOutputTokens())
                .put("cached_input_tokens", r.getCachedInputTokens()).put("cost_usd", num(r.getCostUsd()))
                .put("p50_ms", num(p50)).put("p95_ms", num(p95)).put("p99_ms", num(p99));
    }

    private static Double num(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
