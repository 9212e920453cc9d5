package io.agentpulse.query.plan;

/** Windows of one table whose window_start lies in [fromMs, toMs). */
public record Segment(Granularity granularity, long fromMs, long toMs) {}
