package io.agentpulse.processor.topology;

import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.KeyParts;
import io.agentpulse.contract.RollupKey;

/**
 * One group of one window. {@link #key()} is the rollup key of the contract:
 * granularity|grp|agent|model|operation|windowStartMillis, with '%' and '|' inside a dimension
 * written %25 and %7C, so two different windows never share a key (agent ids are untrusted: unescaped,
 * agent "a|b" with model "c" and agent "a" with model "b|c" were one window in stage 2 and in the
 * changelog). Dimensions are carried explicitly in encoded values, so the key is never parsed back.
 */
final class WindowKey {
    static final String ANY = "*";
    static final String NONE = "_none";

    private final Granularity granularity;
    private final String grp;
    private final String agent;
    private final String model;
    private final String operation;
    private final long start;
    private final int hash;
    /*
     * The key's strings and encodings, made on first use and kept: an open window is emitted, saved
     * and published many times, and rebuilding its key string, store key and encoding every time was
     * ~12% of the processor's CPU (CoreCostProbe, JFR). A class, not a record, to hold them.
     */
    private String key;
    private String seriesKey;
    private org.apache.kafka.common.utils.Bytes storeKey;
    private byte[] encoded;

    WindowKey(Granularity granularity, String grp, String agent, String model, String operation, long start) {
        this.granularity = granularity;
        this.grp = grp;
        this.agent = agent;
        this.model = model;
        this.operation = operation;
        this.start = start;
        this.hash = mix(31 * (31 * (31 * (31 * (31 * granularity.hashCode() + grp.hashCode()) + agent.hashCode())
                + model.hashCode()) + operation.hashCode()) + Long.hashCode(start));
    }

    /**
     * Murmur3's finaliser over the record-style sum of the fields' hashes: agent ids like "agent-17"
     * and minutes 60,000 ms apart make that sum a lattice whose low bits collide, and HashMap's bins
     * turned into trees (HashMap.TreeNode lookups were ~4% of the processor's CPU, CoreCostProbe).
     */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    Granularity granularity() {
        return granularity;
    }

    String grp() {
        return grp;
    }

    String agent() {
        return agent;
    }

    String model() {
        return model;
    }

    String operation() {
        return operation;
    }

    long start() {
        return start;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof WindowKey k && hash == k.hash && start == k.start && granularity == k.granularity
                && grp.equals(k.grp) && agent.equals(k.agent) && model.equals(k.model) && operation.equals(k.operation);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "WindowKey[" + key() + "]";
    }

    String key() {
        if (key == null) {
            key = RollupKey.window(granularity.label(), grp, agent, model, operation, start);
        }
        return key;
    }

    /**
     * The key stage 2 is partitioned by: grp|agent|model|operation (escaped), without granularity or
     * window start, so every window of one series (all granularities) lives in one stage-2 task, and
     * the alert state of that series beside it. Equal to AlertTopology's series key.
     */
    String seriesKey() {
        if (seriesKey == null) {
            seriesKey = RollupKey.series(grp, agent, model, operation);
        }
        return seriesKey;
    }

    /**
     * The key of this window in stage 1's and stage 2's heap-mirroring stores: a 4-byte hash first,
     * then the rollup key. The in-memory store is a TreeMap, and rollup keys share long prefixes
     * ("1m|series|fleet-agent-"), so comparing them was a tenth of the stream thread (JFR); with the
     * hash first most comparisons end in the first byte. The hash is Arrays.hashCode of the fields,
     * whose algorithm Java specifies, so a key is the same after a restart on any JVM.
     */
    org.apache.kafka.common.utils.Bytes storeKey() {
        if (storeKey == null) {
            storeKey = makeStoreKey();
        }
        return storeKey;
    }

    private org.apache.kafka.common.utils.Bytes makeStoreKey() {
        byte[] k = key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int h = java.util.Objects.hash(granularity.label(), grp, agent, model, operation, start);
        byte[] out = new byte[4 + k.length];
        out[0] = (byte) (h >>> 24);
        out[1] = (byte) (h >>> 16);
        out[2] = (byte) (h >>> 8);
        out[3] = (byte) h;
        System.arraycopy(k, 0, out, 4, k.length);
        return org.apache.kafka.common.utils.Bytes.wrap(out);
    }

    /** This window's key at a coarser granularity (same group and dimensions, the window holding it). */
    WindowKey at(Granularity g) {
        return new WindowKey(g, grp, agent, model, operation, g.windowStart(start));
    }

    long end() {
        return start + granularity.millis();
    }

    void encodeTo(Bin.Out out) {
        if (encoded == null) {
            encoded = new Bin.Out().str(granularity.label()).str(grp).str(agent).str(model).str(operation).varLong(start).toBytes();
        }
        out.raw(encoded);
    }

    static WindowKey decodeFrom(Bin.In in) {
        return new WindowKey(Granularity.ofLabel(in.str()), in.str(), in.str(), in.str(), in.str(), in.varLong());
    }

    /** The finest key without dimensions: the one window an event updates (group "series"). */
    static WindowKey series(Granularity g, long start, String agent, String model, String operation) {
        return new WindowKey(g, "series", agent, model, operation, start);
    }

    /**
     * The finest key with dimensions: group {@code dims@d1=v1|d2=v2..} (values escaped, names as
     * configured), so the key describes itself and a restart under another configuration still derives
     * the groups it was counted for. Never emitted: its events are merged into {@link #wider()}.
     */
    static WindowKey finest(Granularity g, long start, String agent, String model, String operation, String dims) {
        return new WindowKey(g, DIMS + dims, agent, model, operation, start);
    }

    static final String DIMS = "dims@";

    boolean isFinest() {
        return grp.startsWith(DIMS);
    }

    /** The (dimension, value) pairs of a finest key, values unescaped. */
    java.util.List<String[]> dimensions() {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        if (!isFinest()) {
            return out;
        }
        for (String part : grp.substring(DIMS.length()).split("\\|")) {
            int eq = part.indexOf('=');
            out.add(new String[] {part.substring(0, eq), KeyParts.unescape(part.substring(eq + 1))});
        }
        return out;
    }

    /**
     * The groupings a finest window is merged into (per emit, never per event): series and the four
     * wider groups, and for a key with dimensions the four groups sliced by each of its dimensions.
     */
    WindowKey[] wider() {
        Granularity g = granularity;
        java.util.List<WindowKey> out = new java.util.ArrayList<>();
        if (isFinest()) {
            out.add(new WindowKey(g, "series", agent, model, operation, start));
        }
        addGroups(out, "agent", "model", "operation", "all");
        for (String[] d : dimensions()) {
            addGroups(out, Dimensions.slice("agent", d[0], d[1]), Dimensions.slice("model", d[0], d[1]),
                    Dimensions.slice("operation", d[0], d[1]), Dimensions.slice("all", d[0], d[1]));
        }
        return out.toArray(new WindowKey[0]);
    }

    private void addGroups(java.util.List<WindowKey> out, String byAgent, String byModel, String byOperation, String all) {
        Granularity g = granularity;
        out.add(new WindowKey(g, byAgent, agent, ANY, ANY, start));
        out.add(new WindowKey(g, byModel, ANY, model, ANY, start));
        out.add(new WindowKey(g, byOperation, ANY, ANY, operation, start));
        out.add(new WindowKey(g, all, ANY, ANY, ANY, start));
    }
}
