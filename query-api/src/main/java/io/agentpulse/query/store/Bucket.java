package io.agentpulse.query.store;

/** The totals of one group key over one time bucket starting at startMs. */
public record Bucket(long startMs, String key, Totals totals) {}
