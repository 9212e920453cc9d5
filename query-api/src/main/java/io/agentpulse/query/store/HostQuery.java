package io.agentpulse.query.store;

import io.agentpulse.query.plan.Segment;

/**
 * A read of one host rollup table: the windows of {@code segment}, optionally of one host and/or
 * one agent, summed per (host, agent, bucket).
 *
 * @param stepMs bucket length (a multiple of the segment's granularity, buckets aligned on the epoch);
 *               0 = one bucket per (host, agent) for the whole segment, starting at its start
 */
public record HostQuery(Segment segment, String host, String agent, long stepMs) {
    public String table() {
        return "host_" + segment.granularity().table();
    }

    public long bucketOf(long windowStart) {
        return stepMs == 0 ? segment.fromMs() : Math.floorDiv(windowStart, stepMs) * stepMs;
    }
}
