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
    private final Map<String, Open> open = new HashMap<>();
    private final Set<String> unsaved = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private final Bin.Out out = new Bin.Out();

    OpenWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                Open o = new Open(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in));
                o.dirty = true; // re-announce restored windows once: the sink ignores a snapshot it already has
                open.put(new String(kv.key.get(), StandardCharsets.UTF_8), o);
            }
        }
    }

    void add(WindowKey key, AgentEvent event, double cost) {
        String k = key.key();
        Open o = open.get(k);
        if (o == null) {
            o = new Open(key, new Aggregate());
            open.put(k, o);
        }
        o.agg.add(event, cost);
        o.dirty = true;
        unsaved.add(k);
    }

    /** Writes the windows changed since the last call and deletes the closed ones (pre-commit hook). */
    void save() {
        for (String k : unsaved) {
            store.put(Bytes.wrap(k.getBytes(StandardCharsets.UTF_8)), encode(open.get(k)).toBytes());
        }
        for (String k : removed) {
            store.delete(Bytes.wrap(k.getBytes(StandardCharsets.UTF_8)));
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
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Open> e = it.next();
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

    /** The dimensions of every open window (to re-learn cardinality after a restart). */
    Iterable<WindowKey> keys() {
        return open.values().stream().map(o -> o.key)::iterator;
    }

    int size() {
        return open.size();
    }
}
