package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 1 window state of one task: the open windows as live objects on the heap (so an update
 * never decodes a sketch) mirrored into a changelogged store (dims + aggregate, compact binary) that
 * restores them after a restart. The store is written by {@link #save()}, which CommitHookStore runs
 * right before each commit: a committed input offset implies a committed aggregate (exactly_once_v2),
 * and a window updated by a thousand events between two commits is encoded once.
 */
final class OpenWindows {
    /** One open window: its key, its aggregate, and whether it changed since it was last emitted. */
    static final class Open {
        final WindowKey key;
        final Aggregate agg;
        boolean dirty;

        Open(WindowKey key, Aggregate agg) {
            this.key = key;
            this.agg = agg;
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    // Keyed by the WindowKey record, not its key() string: an event updates 5 groups x each
    // granularity, and building and hashing that many strings per event was ~10% of stage 1's CPU
    // (JFR); the record's strings are shared and cache their hashes. The store keeps key() bytes.
    private final Map<WindowKey, Open> open = new HashMap<>();
    private final Set<WindowKey> unsaved = new HashSet<>();
    private final Set<WindowKey> removed = new HashSet<>();
    private final Bin.Out out = new Bin.Out();

    OpenWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                Open o = new Open(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in));
                o.dirty = true; // re-announce restored windows once: the sink ignores a snapshot it already has
                open.put(o.key, o);
            }
        }
    }

    void add(WindowKey key, AgentEvent event, double cost) {
        Open o = open.get(key);
        if (o == null) {
            o = new Open(key, new Aggregate());
            open.put(key, o);
        }
        o.agg.add(event, cost);
        o.dirty = true;
        unsaved.add(key);
    }

    /** Writes the windows changed since the last call and deletes the closed ones (pre-commit hook). */
    void save() {
        for (WindowKey k : unsaved) {
            store.put(storeKey(k), encode(open.get(k)).toBytes());
        }
        for (WindowKey k : removed) {
            store.delete(storeKey(k));
        }
        unsaved.clear();
        removed.clear();
    }

    Bin.Out encode(Open o) {
        out.reset();
        o.key.encodeTo(out);
        o.agg.encodeTo(out);
        return out;
    }

    /**
     * Hands every changed window to {@code emit} (flag false) and every window whose end + grace
     * is at or before stream time to {@code emit} with flag true, then forgets the closed ones.
     */
    void emit(long streamTime, long graceMs, BiConsumer<Open, Boolean> emit) {
        for (Iterator<Map.Entry<WindowKey, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<WindowKey, Open> e = it.next();
            Open o = e.getValue();
            if (o.key.end() + graceMs <= streamTime) {
                emit.accept(o, true);
                unsaved.remove(e.getKey());
                removed.add(e.getKey());
                it.remove();
            } else if (o.dirty) {
                emit.accept(o, false);
                o.dirty = false;
            }
        }
    }

    private static Bytes storeKey(WindowKey k) {
        return Bytes.wrap(k.key().getBytes(StandardCharsets.UTF_8));
    }

    /** The dimensions of every open window (to re-learn cardinality after a restart). */
    Iterable<WindowKey> keys() {
        return open.values().stream().map(o -> o.key)::iterator;
    }

    int size() {
        return open.size();
    }
}
