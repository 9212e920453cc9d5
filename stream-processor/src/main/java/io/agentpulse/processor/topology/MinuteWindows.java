package io.agentpulse.processor.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2's open 1-minute windows: the running sum of the deltas received, which sources (stage-1
 * partitions) sent any and which sent their final. Live objects on the heap, so a delta is merged
 * without decoding the window; mirrored into a changelogged store by {@link #save()} right before
 * each commit (CommitHookStore), as stage 1 does with its own windows.
 */
final class MinuteWindows {
    /** One open minute of one group. */
    static final class Minute {
        final WindowKey key;
        final Aggregate sum;
        final BitSet sources = new BitSet();
        final BitSet finals = new BitSet();
        long publishedAt; // wall clock of its last running value, 0 before the first (not saved)

        Minute(WindowKey key, Aggregate sum) {
            this.key = key;
            this.sum = sum;
        }

        /** Every source that contributed has sent its final delta. */
        boolean complete() {
            return !sources.isEmpty() && sources.equals(finals);
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final Map<WindowKey, Minute> open = new HashMap<>();
    private final Set<WindowKey> unsaved = new HashSet<>();
    private final Set<WindowKey> removed = new HashSet<>();
    private final List<Bytes> stale = new ArrayList<>();

    MinuteWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                Minute m = new Minute(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in));
                readBits(in, m.sources);
                readBits(in, m.finals);
                open.put(m.key, m);
                if (!kv.key.equals(m.key.storeKey())) { // written under an earlier key format: moved
                    stale.add(kv.key);
                    unsaved.add(m.key);
                }
            }
        }
    }

    Minute get(WindowKey key) {
        return open.get(key);
    }

    /** Adds one source's delta; returns the window (created when new). */
    Minute add(WindowKey key, int source, boolean isFinal, Aggregate delta) {
        Minute m = open.computeIfAbsent(key, k -> new Minute(k, new Aggregate()));
        m.sum.merge(delta);
        m.sources.set(source);
        if (isFinal) {
            m.finals.set(source);
        }
        unsaved.add(key);
        return m;
    }

    void remove(WindowKey key) {
        open.remove(key);
        unsaved.remove(key);
        removed.add(key);
    }

    /** Writes the windows changed since the last call, deletes the closed ones (pre-commit hook). */
    void save() {
        Bin.Out out = new Bin.Out();
        for (WindowKey k : unsaved) {
            Minute m = open.get(k);
            out.reset();
            m.key.encodeTo(out);
            m.sum.encodeTo(out);
            writeBits(out, m.sources);
            writeBits(out, m.finals);
            store.put(k.storeKey(), out.toBytes());
        }
        for (WindowKey k : removed) {
            store.delete(k.storeKey());
        }
        stale.forEach(store::delete);
        stale.clear();
        unsaved.clear();
        removed.clear();
    }

    /** Open minutes that end at or before {@code endMs} (a source that never sent its final). */
    List<Minute> endingBy(long endMs) {
        return open.values().stream().filter(m -> m.key.end() <= endMs).toList();
    }

    int size() {
        return open.size();
    }

    private static void writeBits(Bin.Out out, BitSet bits) {
        out.varLong(bits.cardinality());
        bits.stream().forEach(out::varLong);
    }

    private static void readBits(Bin.In in, BitSet bits) {
        for (long n = in.varLong(); n > 0; n--) {
            bits.set((int) in.varLong());
        }
    }
}
