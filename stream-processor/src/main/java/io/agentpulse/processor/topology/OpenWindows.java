package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 1 window state of one task: the open windows as live objects on the heap (so an update
 * never decodes a sketch) mirrored into a changelogged store (dims + aggregate, compact binary) that
 * restores them after a restart. The store is written on every update: that is what makes a
 * committed input offset imply a committed aggregate under exactly_once_v2.
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

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Open> open = new HashMap<>();
    private final Bin.Out out = new Bin.Out();

    OpenWindows(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                Bin.In in = new Bin.In(kv.value);
                Open o = new Open(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in));
                o.dirty = true; // re-announce restored windows once: the sink ignores a snapshot it already has
                open.put(kv.key, o);
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
        store.put(k, encode(o).toBytes());
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
        List<String> closed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Open> e = it.next();
            Open o = e.getValue();
            if (o.key.end() + graceMs <= streamTime) {
                emit.accept(o, true);
                closed.add(e.getKey());
                it.remove();
            } else if (o.dirty) {
                emit.accept(o, false);
                o.dirty = false;
            }
        }
        closed.forEach(store::delete);
    }

    int size() {
        return open.size();
    }
}
