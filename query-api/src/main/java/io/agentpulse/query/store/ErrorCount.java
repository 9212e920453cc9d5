package io.agentpulse.query.store;

/** Failed calls of one error type in one bucket (epoch ms start) for one key (a dimension value or "all"). */
public record ErrorCount(long startMs, String key, String type, long errors) {}
