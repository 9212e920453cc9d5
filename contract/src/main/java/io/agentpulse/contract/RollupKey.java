package io.agentpulse.contract;

/**
 * The one builder and parser of rollup keys (docs/CONTRACTS.md, "Rollup keys"): a window is
 * {@code granularity|grp|agent|model|operation|windowStartMillis}, a series (every window of one
 * group and dimension tuple, the partition key of stage 2 and of alert state) is
 * {@code grp|agent|model|operation}. Agent, model and operation are escaped by {@link KeyParts}
 * (they are agent-sent), so no two different windows share a key; grp is ours (a slice's value inside
 * it is escaped by {@link Dimensions#slice}). The processor, the alert topology, SSE coalescing and the
 * in-memory readers build keys here only.
 */
public final class RollupKey {
    private RollupKey() {}

    /** The key of one window; {@code granularity} is its label ("1m" .. "4w"). */
    public static String window(String granularity, String grp, String agent, String model, String operation, long windowStartMs) {
        return granularity + '|' + series(grp, agent, model, operation) + '|' + windowStartMs;
    }

    /** The key of a series: the window key without granularity and start. */
    public static String series(String grp, String agent, String model, String operation) {
        return grp + '|' + KeyParts.escape(agent) + '|' + KeyParts.escape(model) + '|' + KeyParts.escape(operation);
    }

    /** A series key read back (values unescaped). */
    public record Series(String grp, String agent, String model, String operation) {}

    /** The inverse of {@link #series}; throws on a key that does not have its four parts. */
    public static Series parseSeries(String key) {
        String[] p = key.split("\\|", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("A series key has 4 '|'-separated parts, not " + p.length + ": " + key);
        }
        return new Series(p[0], KeyParts.unescape(p[1]), KeyParts.unescape(p[2]), KeyParts.unescape(p[3]));
    }
}
