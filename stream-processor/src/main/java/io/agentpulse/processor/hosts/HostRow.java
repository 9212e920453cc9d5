package io.agentpulse.processor.hosts;

/**
 * One row of a host_rollup_* table: the heartbeats of one agent on one host in one window.
 * Times are epoch ms; CPU in [0, 1]; memory in bytes. A max or last value is null when no
 * heartbeat of the window carried a valid value (CPU outside [0, 1] or negative memory is not valid).
 */
record HostRow(String host, String agentId, long windowStart, long samples, long cpuSamples, double cpuSum, Double cpuMax,
               long memSamples, double memSum, Long memMax, long lastTime, Double lastCpu, Long lastMem) {

    /** Key of the row in its table. */
    record Key(String host, String agentId, long windowStart) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = host.compareTo(o.host);
            if (c == 0) {
                c = agentId.compareTo(o.agentId);
            }
            return c != 0 ? c : Long.compare(windowStart, o.windowStart);
        }
    }

    Key key() {
        return new Key(host, agentId, windowStart);
    }

    /** Two rows as one (sums added, maxima kept, last of the newer); key of {@code a}. */
    static HostRow merge(HostRow a, HostRow b) {
        HostRow newer = b.lastTime() > a.lastTime() ? b : a;
        return new HostRow(a.host(), a.agentId(), a.windowStart(), a.samples() + b.samples(), a.cpuSamples() + b.cpuSamples(),
                a.cpuSum() + b.cpuSum(), max(a.cpuMax(), b.cpuMax()), a.memSamples() + b.memSamples(), a.memSum() + b.memSum(),
                max(a.memMax(), b.memMax()), newer.lastTime(), newer.lastCpu(), newer.lastMem());
    }

    private static <T extends Comparable<T>> T max(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
