package io.agentpulse.query.store;

/**
 * Host rollup rows of one (host, agent) summed over a bucket (host_rollup_* tables, V47). Times
 * epoch ms; CPU in [0, 1]; memory in bytes; maxima and last values null without a valid sample.
 *
 * @param bucket the bucket's start (the segment's start when the query has no step)
 */
public record HostAgg(String host, String agentId, long bucket, long samples, long cpuSamples, double cpuSum, Double cpuMax,
                      long memSamples, double memSum, Long memMax, long lastTime, Double lastCpu, Long lastMem) {

    /** Both as one (sums added, maxima kept, last values of the newer); host, agent and bucket of {@code a}. */
    public static HostAgg merge(HostAgg a, HostAgg b) {
        HostAgg newer = b.lastTime > a.lastTime ? b : a;
        return new HostAgg(a.host, a.agentId, a.bucket, a.samples + b.samples, a.cpuSamples + b.cpuSamples, a.cpuSum + b.cpuSum,
                max(a.cpuMax, b.cpuMax), a.memSamples + b.memSamples, a.memSum + b.memSum, max(a.memMax, b.memMax),
                newer.lastTime, newer.lastCpu, newer.lastMem);
    }

    private static <T extends Comparable<T>> T max(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
