package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 1 window state of one task: per open 1-minute window, the delta (the events counted since
 * the window's last emit) as a live object on the heap, mirrored into a changelogged store that
 * restores it after a restart. Stage 1 emits deltas, never cumulative values: stage 2 adds them into
 * every granularity, so a late event is one more delta and a coarser window is a sum of deltas.
 *
 * <p>Exactly once: the store is written by {@link #save()}, which CommitHookStore runs right before
 * each commit, so a committed input offset implies the delta holding its event is either committed
 * as emitted (reset here in the same transaction) or committed as pending (re-emitted after a
 * restart, never both).
 */
final class OpenWindows {
    /** One open window: its key, its pending delta, whether the delta holds anything unsent. */
    static final class Open {
        final WindowKey key;
        Aggregate delta;
        boolean dirty;

        Open(WindowKey key, Aggregate delta) {
            this.key = key;
            this.delta = delta;
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    // Keyed by the WindowKey record, not its key() string: its strings are shared and cache their hashes.
    private final Map<WindowKey, Open> open = new HashMap<>();
    private final Set<WindowKey> unsaved = new HashSet<>();
    private final Set<WindowKey> removed = new HashSet<>();

    OpenWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                Open o = new Open(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in));
                o.dirty = o.delta.count > 0; // a pending delta was not emitted before the restart
                open.put(o.key, o);
            }
        }
    }

    /** The one per-event update: the event into its series window's delta. */
    void add(WindowKey key, AgentEvent event, double cost) {
        Open o = open.computeIfAbsent(key, k -> new Open(k, new Aggregate()));
        o.delta.add(event, cost);
        o.dirty = true;
        unsaved.add(key);
    }

    private void merge(WindowKey key, Aggregate delta) {
        Open o = open.computeIfAbsent(key, k -> new Open(k, new Aggregate()));
        o.delta.merge(delta);
        o.dirty = true;
        unsaved.add(key);
    }

    /** Writes the windows changed since the last call and deletes the closed ones (pre-commit hook). */
    void save() {
        Bin.Out out = new Bin.Out();
        for (WindowKey k : unsaved) {
            Open o = open.get(k);
            out.reset();
            o.key.encodeTo(out);
            o.delta.encodeTo(out);
            store.put(storeKey(k), out.toBytes());
        }
        for (WindowKey k : removed) {
            store.delete(storeKey(k));
        }
        unsaved.clear();
        removed.clear();
    }

    /**
     * Merges every dirty series delta into its four wider groups (per emit, not per event), then
     * hands every dirty window's delta to {@code emit} (flag false) and every window whose end + grace
     * is at or before stream time to {@code emit} with flag true (its last delta, possibly empty:
     * stage 2 needs each source's final), forgetting the closed ones.
     */
    void emit(long streamTime, long graceMs, Emitter emit) {
        List<Open> dirtySeries = new ArrayList<>();
        for (Open o : open.values()) {
            if (o.dirty && "series".equals(o.key.grp())) {
                dirtySeries.add(o);
            }
        }
        for (Open o : dirtySeries) {
            for (WindowKey g : o.key.wider()) {
                merge(g, o.delta);
            }
        }
        for (Iterator<Map.Entry<WindowKey, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Open o = it.next().getValue();
            boolean closing = o.key.end() + graceMs <= streamTime;
            if (closing || o.dirty) {
                emit.delta(o.key, o.delta, closing);
                o.delta = new Aggregate();
                o.dirty = false;
                unsaved.add(o.key);
            }
            if (closing) {
                unsaved.remove(o.key);
                removed.add(o.key);
                it.remove();
            }
        }
    }

    /** Receives one window's delta; {@code isFinal}: this source sends nothing more for the window. */
    interface Emitter {
        void delta(WindowKey key, Aggregate delta, boolean isFinal);
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
