package io.agentpulse.query.sse;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.time.Instant;

/** WindowRollup values for SSE tests. */
final class TestRollups {
    private TestRollups() {}

    static WindowRollup rollup(String grp, String agent, long windowStart, long count) {
        DDSketch s = SketchCodec.newSketch();
        for (int i = 1; i <= 100; i++) {
            s.accept(i);
        }
        return WindowRollup.newBuilder().setGranularity("1m").setGrp(grp).setAgentId(agent)
                .setModel(grp.equals("all") ? "*" : "m1").setOperation("*")
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowStart + 60_000))
                .setIsFinal(false).setCount(count).setErrors(1).setInputTokens(10).setOutputTokens(20)
                .setCachedInputTokens(3).setReasoningTokens(0).setCostUsd(0.5)
                .setLatencySketch(ByteBuffer.wrap(SketchCodec.encode(s))).setTtftSketch(null)
                .setP50Ms(null).setP95Ms(null).setP99Ms(null).setUpdatedAt(Instant.ofEpochMilli(windowStart)).build();
    }
}
