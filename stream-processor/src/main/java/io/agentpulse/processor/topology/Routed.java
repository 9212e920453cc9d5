package io.agentpulse.processor.topology;

/** Values stage 1 forwards, told apart by type so one processor can feed three topics. */
final class Routed {
    private Routed() {}

    /** The rejected record's value bytes, unchanged (null for a tombstone). */
    record Dlq(byte[] raw) {}

    /** An accepted event's input bytes, unchanged (a catalog price travels in a header). */
    record Enriched(byte[] raw) {}

    /** The delta of one 1-minute window from one source partition (see RollupProcessor). */
    record Partial(byte[] bytes) {}
}
