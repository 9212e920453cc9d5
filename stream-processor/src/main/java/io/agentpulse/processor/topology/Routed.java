package io.agentpulse.processor.topology;

/** Values stage 1 forwards, told apart by type so one processor can feed three topics. */
final class Routed {
    private Routed() {}

    /** The rejected record's value bytes, unchanged (null for a tombstone). */
    record Dlq(byte[] raw) {}

    /** A cumulative partial aggregate of one window from one source partition (see MergeProcessor). */
    record Partial(byte[] bytes) {}
}
