package io.agentpulse.query.sse;

/** One SSE event: its id, the rollup it carries (grp and rollup key) and its encoded text. */
record Frame(long seq, String grp, String granularity, String rollupKey, String text) {}
