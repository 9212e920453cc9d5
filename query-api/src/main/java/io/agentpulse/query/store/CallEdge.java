package io.agentpulse.query.store;

import com.datadoghq.sketch.ddsketch.DDSketch;

/**
 * The calls from {@code caller} to {@code callee} summed over a range (agent_calls rows, V52). Latencies in
 * ms, of the calls that carried one; {@code latencyMax} null without any; {@code sketch} the merged
 * DDSketch of those latencies (SketchCodec, 1% relative accuracy).
 */
public record CallEdge(String caller, String callee, long calls, long errors, long latencyCount, double latencySum,
                       Double latencyMax, DDSketch sketch) {}
