package io.agentpulse.processor.calls;

/**
 * One agent-to-agent call: a span of {@code callee} whose parent span belongs to {@code caller}.
 *
 * @param timeMs    the callee span's start (event time), epoch ms
 * @param latencyMs the callee span's latency in ms; null when absent, negative or NaN (then not in the latency figures)
 * @param error     the callee span's status is ERROR
 */
record AgentCall(String caller, String callee, long timeMs, Double latencyMs, boolean error) {}
