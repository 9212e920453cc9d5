package io.agentpulse.processor.calls;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of agent_calls: the calls from {@code caller} to {@code callee} whose callee span started in
 * the minute at {@code windowStart} (epoch ms). Latencies in ms; {@code sketch} is SketchCodec's encoding.
 */
record EdgeMinute(String caller, String callee, long windowStart, long calls, long errors, long latencyCount,
                  double latencySum, Double latencyMax, byte[] sketch) {

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeMinute e && caller.equals(e.caller) && callee.equals(e.callee) && windowStart == e.windowStart
                && calls == e.calls && errors == e.errors && latencyCount == e.latencyCount && latencySum == e.latencySum
                && Objects.equals(latencyMax, e.latencyMax) && Arrays.equals(sketch, e.sketch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caller, callee, windowStart, calls, errors);
    }

    @Override
    public String toString() {
        return caller + "->" + callee + "@" + windowStart + " calls=" + calls + " errors=" + errors + " lat=" + latencyCount
                + "/" + latencySum + "/" + latencyMax;
    }
}
