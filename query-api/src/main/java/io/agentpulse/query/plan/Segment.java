package io.agentpulse.query.plan;

import io.agentpulse.contract.Granularity;

/** Windows of one table whose window_start lies in [fromMs, toMs). */
public record Segment(Granularity granularity, long fromMs, long toMs) {}
