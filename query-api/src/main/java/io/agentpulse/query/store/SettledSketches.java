package io.agentpulse.query.store;

import io.agentpulse.ops.Env;
import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RollupReader} that keeps the merged latency sketches of settled windows in memory, so a
 * table of many keys (the agents list: 1000 agents x 13-31 windows each, ~5 us to decode a sketch)
 * decodes only the windows that may still change. A window is settled once it ended more than
 * {@code settledAfter} ago (the processor's lateness bound plus the sink's delay, by the query API's
 * clock): no event can correct it any more, so its sketch never changes. Its sums can (repricing adds
 * to cost_usd), so sums are always read fresh, without sketches (index-only scans).
 *
 * <p>Only whole-range reads are cached ({@link #buckets} with one bucket for the whole segment and
 * no key list: byKey, summary). Per segment and query (table, grp, filters, key dimension, start), one
 * entry holds each key's sketch merged over [start, cut); a later read with a larger cut merges the
 * new windows into a copy. Entries are evicted least recently used beyond {@code maxKeys} keys in all
 * (about 1-2 KiB per key). Windows dropped by retention stay in an entry whose start they precede
 * until it is evicted: the start of a retained range moves with the range, so such an entry is not
 * read again in practice. Thread-safe (a request's futures may complete on any event loop).
 */
public final class SettledSketches extends ForwardingRollupReader {
    /**
     * @param maxKeys      keys held over all entries, 0 = no cache of settled windows
     * @param settledAfter age of a window's end after which it never changes
     * @param liveCells    cells (key x live window) whose sketches {@link LiveSketches} holds, 0 = no such cache
     * @param liveBytes    bound on their estimated size in bytes
     */
    public record Settings(int maxKeys, Duration settledAfter, int liveCells, long liveBytes) {
        /** Settled windows only: no cache of live ones. */
        public Settings(int maxKeys, Duration settledAfter) {
            this(maxKeys, settledAfter, 0, 0);
        }

        /**
         * The processor's lateness bound (same variable) plus 5 minutes for the sink to write a correction. Live
         * cells: the agents list over the last hour holds 1000 agents x 13-17 windows (5-minute ones and the
         * 1-minute edge), ~2-3 KiB each decoded; 40,000 cells and 128 MiB hold that twice over with charts beside.
         */
        public static Settings fromEnv(Env env) {
            return new Settings(env.integer("AGENTPULSE_QUERY_SKETCH_CACHE_KEYS", 20_000, 0, 10_000_000),
                    env.duration("AGENTPULSE_PROCESSOR_LATENESS", Duration.ofHours(1)).plus(Duration.ofMinutes(5)),
                    env.integer("AGENTPULSE_QUERY_LIVE_SKETCH_CACHE_CELLS", 40_000, 0, 10_000_000),
                    env.longValue("AGENTPULSE_QUERY_LIVE_SKETCH_CACHE_MB", 128, 1, 1_000_000) << 20);
        }

        /** Start of the first window of granularity {@code g} (ms) that may still change at {@code nowMs}. */
        long settledCut(long nowMs, long g) {
            return Math.floorDiv(nowMs - settledAfter.toMillis(), g) * g;
        }
    }

    private record Key(String table, String grp, Filters filters, Dimension dim, long fromMs) {}

    private record Entry(long toMs, Map<String, Totals> sketches) {}

    private final Settings settings;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long keysHeld;

    public SettledSketches(RollupReader delegate, Settings settings, Clock clock) {
        super(delegate);
        this.settings = settings;
        this.clock = clock;
    }

    /** The reader, cached when the settings allow it: settled windows here, live ones in {@link LiveSketches}. */
    public static RollupReader wrap(RollupReader delegate, Settings settings, Clock clock) {
        RollupReader live = settings.liveCells() == 0 ? delegate : new LiveSketches(delegate, settings, clock);
        return settings.maxKeys() == 0 ? live : new SettledSketches(live, settings, clock);
    }

    @Override
    public Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        Segment s = q.segment();
        long g = s.granularity().millis();
        long cut = Math.min(s.toMs(), settings.settledCut(clock.millis(), g));
        boolean oneBucket = Math.floorDiv(s.fromMs(), stepMs) == Math.floorDiv(s.toMs() - 1, stepMs);
        if (!withSketch || keys != null || !oneBucket || cut <= s.fromMs()) {
            return delegate.buckets(q, stepMs, dim, keys, withSketch);
        }
        Future<List<Bucket>> sums = delegate.buckets(q, stepMs, dim, null, false);
        Future<Map<String, Totals>> settled = settled(q, stepMs, dim, cut);
        Future<List<Bucket>> live = cut >= s.toMs() ? Future.succeededFuture(List.of())
                : delegate.buckets(part(q, cut, s.toMs()), stepMs, dim, null, true);
        return Future.all(sums, settled, live).map(done -> {
            Map<String, Totals> liveByKey = new HashMap<>();
            live.result().forEach(b -> liveByKey.put(b.key(), b.totals()));
            return sums.result().stream().map(b -> {
                Totals t = new Totals().add(b.totals());
                t.mergeLatency(settled.result().get(b.key()));
                t.mergeLatency(liveByKey.get(b.key()));
                return new Bucket(b.startMs(), b.key(), t);
            }).toList();
        });
    }

    /** Each key's sketch over the windows in [segment start, cut): cached, extended, or read whole. */
    private Future<Map<String, Totals>> settled(RollupQuery q, long stepMs, Dimension dim, long cut) {
        Segment s = q.segment();
        Key key = new Key(s.granularity().table(), q.grp(), q.filters(), dim, s.fromMs());
        Entry held;
        synchronized (this) {
            held = entries.get(key);
        }
        if (held != null && held.toMs() == cut) {
            return Future.succeededFuture(held.sketches());
        }
        long from = held != null && held.toMs() < cut ? held.toMs() : s.fromMs();
        Map<String, Totals> base = from == s.fromMs() ? Map.of() : held.sketches();
        return delegate.buckets(part(q, from, cut), stepMs, dim, null, true).map(read -> {
            Map<String, Totals> merged = new HashMap<>();
            base.forEach((k, t) -> merged.put(k, sketchOf(t)));
            read.forEach(b -> merged.computeIfAbsent(b.key(), k -> new Totals()).mergeLatency(b.totals()));
            put(key, new Entry(cut, Map.copyOf(merged)));
            return merged;
        });
    }

    private static Totals sketchOf(Totals t) {
        Totals copy = new Totals();
        copy.mergeLatency(t);
        return copy;
    }

    private synchronized void put(Key key, Entry entry) {
        Entry old = entries.put(key, entry);
        keysHeld += entry.sketches().size() - (old == null ? 0 : old.sketches().size());
        var it = entries.entrySet().iterator();
        while (keysHeld > settings.maxKeys() && it.hasNext()) {
            keysHeld -= it.next().getValue().sketches().size();
            it.remove();
        }
    }

    /** Keys held over all entries (tests, metrics). */
    synchronized long keysHeld() {
        return keysHeld;
    }

    private static RollupQuery part(RollupQuery q, long fromMs, long toMs) {
        return new RollupQuery(q.grp(), q.filters(), new Segment(q.segment().granularity(), fromMs, toMs));
    }
}
