package io.agentpulse.processor.topology;

import io.agentpulse.contract.Granularity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2's encoded windows: the open coarse ones (5m .. 4w, changed only when a finer window closes
 * or a correction arrives, so never per event) and the closed ones of every granularity, kept for corrections.
 * Keys start with the window end, zero-padded, so "every window ending by T" is one ordered range
 * scan: closing the due coarse windows and purging the expired closed ones never walk the rest.
 */
final class WindowStores {
    private final KeyValueStore<Bytes, byte[]> coarse;
    private final KeyValueStore<Bytes, byte[]> closed;
    private final Bin.Out out = new Bin.Out();

    WindowStores(KeyValueStore<Bytes, byte[]> coarse, KeyValueStore<Bytes, byte[]> closed) {
        this.coarse = coarse;
        this.closed = closed;
    }

    /** A stored window: its key and sum, and whether it is closed (emitted as final). */
    record Stored(WindowKey key, Aggregate sum, boolean closed) {}

    /** The window under this key, open or closed, or null when there is none. */
    Stored find(WindowKey key) {
        Bytes k = storeKey(key);
        byte[] v = closed.get(k);
        if (v != null) {
            return new Stored(key, decode(v), true);
        }
        if (key.granularity() == Granularity.MINUTE) {
            return null; // open minutes live in MinuteWindows, never in the coarse store
        }
        v = coarse.get(k);
        return v == null ? null : new Stored(key, decode(v), false);
    }

    void putOpen(WindowKey key, Aggregate sum) {
        coarse.put(storeKey(key), encode(key, sum));
    }

    void putClosed(WindowKey key, Aggregate sum) {
        Bytes k = storeKey(key);
        closed.put(k, encode(key, sum));
        if (key.granularity() != Granularity.MINUTE) { // a minute was never there: no lookup, no changelog tombstone
            coarse.delete(k);
        }
    }

    /** The latest end of a closed minute (epoch ms), or Long.MIN_VALUE when none is kept. */
    long latestClosedMinuteEnd() {
        try (KeyValueIterator<Bytes, byte[]> it = closed.reverseAll()) {
            while (it.hasNext()) {
                String key = new String(it.next().key.get(), StandardCharsets.UTF_8); // end|granularity|...
                if (key.startsWith("|1m|", 13)) {
                    return Long.parseLong(key.substring(0, 13));
                }
            }
            return Long.MIN_VALUE;
        }
    }

    /** Open coarse windows of granularity g that end at or before {@code endMs}, in end order. */
    List<Stored> openEndingBy(long endMs, Granularity g) {
        return scan(coarse, endMs, false, g);
    }

    /** Deletes the closed windows that end at or before {@code endMs}; returns how many. */
    int purgeEndingBy(long endMs) {
        List<Stored> gone = scan(closed, endMs, true, null);
        gone.forEach(s -> closed.delete(storeKey(s.key())));
        return gone.size();
    }

    /** Windows ending by endMs, of granularity g (null: all); the sums of others are not decoded. */
    private static List<Stored> scan(KeyValueStore<Bytes, byte[]> store, long endMs, boolean isClosed, Granularity g) {
        List<Stored> found = new ArrayList<>();
        if (endMs < 0) {
            return found;
        }
        Bytes to = Bytes.wrap(String.format("%013d}", endMs).getBytes(StandardCharsets.UTF_8)); // '}' sorts after '|'
        try (KeyValueIterator<Bytes, byte[]> it = store.range(null, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                WindowKey key = WindowKey.decodeFrom(in);
                if (g == null || key.granularity() == g) {
                    found.add(new Stored(key, Aggregate.decodeFrom(in), isClosed));
                }
            }
        }
        return found;
    }

    private byte[] encode(WindowKey key, Aggregate sum) {
        out.reset();
        key.encodeTo(out);
        sum.encodeTo(out);
        return out.toBytes();
    }

    private static Aggregate decode(byte[] v) {
        Bin.In in = new Bin.In(v);
        WindowKey.decodeFrom(in);
        return Aggregate.decodeFrom(in);
    }

    /** end (13 digits: epoch ms until the year 2286) | rollup key. */
    private static Bytes storeKey(WindowKey k) {
        return Bytes.wrap((String.format("%013d", k.end()) + '|' + k.key()).getBytes(StandardCharsets.UTF_8));
    }
}
