package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * One open window: its key, its pending delta, and (series windows) the events not yet merged into
     * the four wider groups. Series deltas go out at a slower cadence than groups (the series grouping
     * has 30,000 keys in a 1000 x 10 x 3 fleet: each is one rollup, one database row and one alert check
     * per emit), so the two are kept apart: {@code recent} moves into the groups and into {@code delta}
     * every emit, {@code delta} goes out when the series cadence comes round or the window closes.
     */
    static final class Open {
        final WindowKey key;
        final boolean series;
        /** A finest key with dimensions: its events go to its groups only, it is never emitted itself. */
        final boolean finest;
        /**
         * The groupings it merges into directly, derived once: its series window (a finest key with
         * dimensions) and each slice's agent group. The rest (each slice's model, operation and all
         * groups) get its events through {@link #vias}.
         */
        private WindowKey[] direct;
        /**
         * The open windows of those groupings, found once: they share this window's minute, so they stay
         * open as long as it does; one closed and reopened by a late event is looked up again. Saves a
         * HashMap lookup of a 6-field record per grouping per emit (~13% of the stream thread, JFR).
         */
        private Open[] directOpen;
        /** One per slice: the emit's sum of its model and operation, on its way to three groups. */
        private GroupSums.Sum[] vias;
        Aggregate delta;
        Aggregate recent;
        /** In {@code withRecent} / in the due list of its kind: each Open is queued at most once. */
        boolean queuedRecent;
        boolean queuedDue;
        boolean queuedSave;
        boolean closed;

        Open(WindowKey key, Aggregate delta, Aggregate recent) {
            this.key = key;
            this.series = "series".equals(key.grp());
            this.finest = key.isFinest();
            this.delta = delta;
            this.recent = recent;
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    // Keyed by the WindowKey record, not its key() string: its strings are shared and cache their hashes.
    private final Map<WindowKey, Open> open = new HashMap<>();
    /** Windows to write at the next save (each once: queuedSave), and keys of windows closed since. */
    private final List<Open> unsaved = new ArrayList<>();
    private final GroupSums groupSums = new GroupSums();
    private final List<WindowKey> removed = new ArrayList<>();
    private final List<Bytes> stale = new ArrayList<>();
    /**
     * Work lists, so an emit touches only the windows that changed, never all open ones (with 30,000
     * series a full scan every second was a sixth of the stream thread, JFR): windows with events not
     * yet merged into their groups, group and series windows whose delta holds anything, and every
     * window by its end (ms), to find the closing ones. An Open leaves a list when it is drained or
     * closed; a closed Open still queued is skipped.
     */
    private final List<Open> withRecent = new ArrayList<>();
    private final List<Open> dueGroups = new ArrayList<>();
    private final List<Open> dueSeries = new ArrayList<>();
    private final java.util.TreeMap<Long, List<Open>> byEnd = new java.util.TreeMap<>();
    /**
     * Emits done so far, saved beside the windows at each commit; each window entry carries the count
     * at its save. Every emit merges every window's recent events into the groups, so an entry saved
     * before the last committed emit has its recent events in the groups already. This lets a series
     * whose delta waits for the series cadence skip its re-save at each emit (it was saved twice per
     * event otherwise) and still never count an event twice in the groups after a restart.
     */
    private long emits;
    private long savedEmits;
    private static final Bytes EMITS = Bytes.wrap("~emits".getBytes(StandardCharsets.UTF_8));

    OpenWindows(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        byte[] meta = store.get(EMITS);
        emits = meta == null ? 0 : new Bin.In(meta).varLong();
        savedEmits = emits;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.key.equals(EMITS)) {
                    continue;
                }
                Bin.In in = new Bin.In(kv.value);
                // pending deltas were not emitted before the restart: emitted now, exactly once
                Open o = new Open(WindowKey.decodeFrom(in), Aggregate.decodeFrom(in), Aggregate.decodeFrom(in));
                long savedAt = in.hasMore() ? in.varLong() : emits;
                if (savedAt < emits && !o.recent.isEmpty()) {
                    // an emit after this entry was saved merged its recent events into the groups, and
                    // that emit's group deltas are in this store too: they join the series' delta only
                    // (a finest window has no delta of its own: they are in its groups already)
                    if (!o.finest) {
                        o.delta.merge(o.recent);
                    }
                    o.recent = new Aggregate();
                    toSave(o);
                }
                track(o);
                if (!o.recent.isEmpty()) {
                    o.queuedRecent = true;
                    withRecent.add(o);
                }
                markDue(o);
                if (!kv.key.equals(o.key.storeKey())) { // written under an earlier key format: moved
                    stale.add(kv.key);
                    toSave(o);
                }
            }
        }
    }

    /** The one per-event update: the event into its series window's delta. */
    void add(WindowKey key, AgentEvent event, double cost, String errorType) {
        Open o = openOrNew(key);
        o.recent.add(event, cost, errorType);
        if (!o.queuedRecent) {
            o.queuedRecent = true;
            withRecent.add(o);
        }
        toSave(o);
    }

    private void toSave(Open o) {
        if (!o.queuedSave) {
            o.queuedSave = true;
            unsaved.add(o);
        }
    }

    private void merge(Open o, Aggregate delta) {
        o.delta.merge(delta);
        markDue(o);
        toSave(o);
    }

    private Open openOrNew(WindowKey key) {
        Open o = open.get(key);
        if (o == null) {
            o = new Open(key, new Aggregate(), new Aggregate());
            track(o);
        }
        return o;
    }

    /** The open window of {@code keys[i]}, found once and again only after it closed (a late event). */
    private Open resolve(Open[] open, WindowKey[] keys, int i) {
        Open g = open[i];
        if (g == null || g.closed) {
            g = openOrNew(keys[i]);
            open[i] = g;
        }
        return g;
    }

    private void track(Open o) {
        open.put(o.key, o);
        byEnd.computeIfAbsent(o.key.end(), e -> new ArrayList<>()).add(o);
    }

    private void markDue(Open o) {
        if (!o.delta.isEmpty() && !o.queuedDue) {
            o.queuedDue = true;
            (o.series ? dueSeries : dueGroups).add(o);
        }
    }

    /** Writes the windows changed since the last call and deletes the closed ones (pre-commit hook). */
    void save() {
        Bin.Out out = new Bin.Out();
        // deletes first: a window closed and opened again (a late event) since the last save is written
        // after its old entry is deleted, never deleted after it is written
        for (WindowKey k : removed) {
            store.delete(k.storeKey());
        }
        for (Open o : unsaved) {
            o.queuedSave = false;
            if (o.closed) {
                continue;
            }
            out.reset();
            o.key.encodeTo(out);
            o.delta.encodeTo(out);
            o.recent.encodeTo(out);
            out.varLong(emits);
            store.put(o.key.storeKey(), out.toBytes());
        }
        stale.forEach(store::delete);
        stale.clear();
        if (emits != savedEmits) {
            store.put(EMITS, out.reset().varLong(emits).toBytes());
            savedEmits = emits;
        }
        unsaved.clear();
        removed.clear();
    }

    /**
     * Merges every series window's recent events into its four wider groups and its own delta (per
     * emit, not per event); then hands to {@code emit} (flag true) the last delta of every window whose
     * end + grace is at or before stream time, possibly empty: stage 2 needs each source's final; then
     * every group window's delta that holds anything, and every series window's delta when
     * {@code withSeries}. Closed windows are forgotten.
     */
    void emit(long streamTime, long graceMs, boolean withSeries, Emitter emit) {
        for (Open o : withRecent) {
            o.queuedRecent = false;
            if (o.closed || o.recent.isEmpty()) {
                continue;
            }
            if (o.direct == null) {
                WindowKey[] wider = o.key.wider();
                o.direct = GroupSums.direct(wider);
                o.directOpen = new Open[o.direct.length];
                o.vias = groupSums.vias(wider);
            }
            for (int i = 0; i < o.direct.length; i++) {
                merge(resolve(o.directOpen, o.direct, i), o.recent);
            }
            for (GroupSums.Sum via : o.vias) {
                groupSums.add(via, o.recent);
            }
            if (!o.finest) {
                o.delta.merge(o.recent);
                markDue(o);
            }
            o.recent = new Aggregate();
            // not saved again for this: the emit count tells a restore that its saved recent events
            // are in the groups (the kill -9 fault test found them counted twice without it)
        }
        withRecent.clear();
        groupSums.drain((via, sum) -> {
            for (int i = 0; i < via.keys.length; i++) {
                merge(resolve(via.open, via.keys, i), sum);
            }
        });
        emits++;
        while (!byEnd.isEmpty() && byEnd.firstKey() + graceMs <= streamTime) {
            for (Open o : byEnd.pollFirstEntry().getValue()) {
                if (!o.finest) {
                    emit.delta(o.key, o.delta, true);
                }
                o.delta = new Aggregate();
                o.closed = true;
                open.remove(o.key);
                removed.add(o.key);
            }
            groupSums.forgetEndingBy(streamTime - graceMs);
        }
        emitDue(dueGroups, emit);
        if (withSeries) {
            emitDue(dueSeries, emit);
        }
    }

    private void emitDue(List<Open> due, Emitter emit) {
        for (Open o : due) {
            o.queuedDue = false;
            if (!o.closed && !o.delta.isEmpty()) {
                emit.delta(o.key, o.delta, false);
                o.delta = new Aggregate();
                toSave(o);
            }
        }
        due.clear();
    }

    /** Receives one window's delta; {@code isFinal}: this source sends nothing more for the window. */
    interface Emitter {
        void delta(WindowKey key, Aggregate delta, boolean isFinal);
    }

    /** The dimensions of every open window (to re-learn cardinality after a restart). */
    Iterable<WindowKey> keys() {
        return open.values().stream().map(o -> o.key)::iterator;
    }

    int size() {
        return open.size();
    }
}
