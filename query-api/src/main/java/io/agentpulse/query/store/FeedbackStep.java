package io.agentpulse.query.store;

/** The feedback sums of one time bucket starting at startMs (epoch ms, floored to the step). */
public record FeedbackStep(long startMs, FeedbackSums sums) {}
