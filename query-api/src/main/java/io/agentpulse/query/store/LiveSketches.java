package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link RollupReader} that keeps the decoded latency sketch of each live window per key (a "cell":
 * table, grp, filters, key dimension, window start, key) with the window's summed {@code count} as
 * its version, so repeated reads of recent windows (the agents list over the last hour: 1000 agents x
 * 13 five-minute windows, ~3 us to decode each) decode only the windows that changed since.
 *
 * <p>Why count is a sound version: a rollup row's latency sketch changes only when its count does. The
 * processor adds a call's latency only where it adds the call to count ({@code Aggregate.add}; a call
 * without latency adds to count alone, a feedback score to neither), merges count and sketch together
 * ({@code Aggregate.merge}), and the sink writes both from one snapshot, forward only by count (plus
 * scores); snapshots are read committed from an exactly-once topology, so one window's snapshots form
 * one growing history and equal counts mean equal calls. Repricing changes cost only. Counts never
 * decrease, so a key's count summed over a window's rows (several rows under pinned filters) changes
 * whenever one of them does. Sums are never cached: they are read fresh every time (an index-only scan
 * of the sums index), and the count read with them decides, cell by cell, whether the held sketch is
 * still the window's.
 *
 * <p>A read: (1) the sums of the rows ({@link RollupReader#windowRows}: no sketch, no grouping in SQL), added
 * up per (window, key); (2) only the cells whose count differs from
 * the held one (in steady state the open window and the one just closed) are read again with sketches,
 * window by window (adjacent windows with the same keys in one read), and held with their new count;
 * (3) the step buckets are assembled from fresh cells as read and held sketches with the sums of (1).
 * Only reads of live windows use it (segment start at or after the settled cut of
 * {@link SettledSketches.Settings#settledCut}); settled ones are {@link SettledSketches}'s. Bounded by
 * cells and estimated bytes, least recently used out. Thread-safe.
 */
final class LiveSketches extends ForwardingRollupReader {
    /** Above this many separate reads of changed windows, one read covers them all (late events everywhere). */
    static final int MAX_READS = 4;

    private record Shape(String table, String grp, Filters filters, Dimension dim) {}

    /**
     * A cell's identity. Shapes are canonical ({@link #canonical}), so they compare by reference and the hash is
     * computed once: hashing and comparing the shape's filters per cell was as costly as merging the sketches
     * (JFR of the hour list, ~15k cells a request).
     */
    private static final class Cell {
        private final Shape shape;
        private final long windowMs;
        private final String key;
        private final int hash;

        Cell(Shape shape, long windowMs, String key) {
            this.shape = shape;
            this.windowMs = windowMs;
            this.key = key;
            this.hash = (System.identityHashCode(shape) * 31 + Long.hashCode(windowMs)) * 31 + java.util.Objects.hashCode(key);
        }

        long windowMs() {
            return windowMs;
        }

        String key() {
            return key;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cell c && c.shape == shape && c.windowMs == windowMs && java.util.Objects.equals(c.key, key);
        }
    }

    /** A cell's sketch (never modified once held) while the cell's summed count is {@code count}. */
    private record Held(long count, Totals sketch, long bytes) {}

    private final SettledSketches.Settings settings;
    private final Clock clock;
    private final LinkedHashMap<Cell, Held> cells = new LinkedHashMap<>(1024, 0.75f, true);
    /** One instance per shape (a new one after a clear: cells of older instances then no longer match, and age out). */
    private final Map<Shape, Shape> shapes = new HashMap<>();
    private long bytesHeld;
    private long decodedCells;

    LiveSketches(RollupReader delegate, SettledSketches.Settings settings, Clock clock) {
        super(delegate);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        Segment s = q.segment();
        long g = s.granularity().millis();
        if (!withSketch || s.fromMs() < settings.settledCut(clock.millis(), g)) {
            return delegate.buckets(q, stepMs, dim, keys, withSketch);
        }
        Shape shape = canonical(new Shape(s.granularity().table(), q.grp(), q.filters(), dim));
        return delegate.windowRows(q, dim, keys).map(rows -> perCell(shape, rows)).compose(sums -> {
            if (sums.size() > settings.liveCells()) { // would evict itself: read as without the cache
                return delegate.buckets(q, stepMs, dim, keys, true);
            }
            Map<Cell, Totals> held = new HashMap<>();
            TreeMap<Long, List<String>> changed = new TreeMap<>();
            Map<Long, Integer> perWindow = new HashMap<>();
            lookup(shape, sums, held, changed, perWindow);
            return fresh(shape, q, dim, keys, changed, perWindow).map(read -> assemble(shape, stepMs, sums, held, read));
        });
    }

    private synchronized Shape canonical(Shape shape) {
        if (shapes.size() >= 1_000) { // filters by many different values
            shapes.clear();
        }
        return shapes.computeIfAbsent(shape, k -> k);
    }

    /** The rows' sums added up per cell (several rows under pinned filters), one bucket each. */
    private static List<Bucket> perCell(Shape shape, List<Bucket> rows) {
        Map<Cell, Totals> sums = new LinkedHashMap<>();
        rows.forEach(b -> sums.computeIfAbsent(new Cell(shape, b.startMs(), b.key()), c -> new Totals()).add(b.totals()));
        List<Bucket> out = new ArrayList<>(sums.size());
        sums.forEach((c, t) -> out.add(new Bucket(c.windowMs(), c.key(), t)));
        return out;
    }

    /** Splits the cells of {@code sums} into held (same count) and changed, by window; counts cells per window. */
    private synchronized void lookup(Shape shape, List<Bucket> sums, Map<Cell, Totals> held,
                                     TreeMap<Long, List<String>> changed, Map<Long, Integer> perWindow) {
        for (Bucket b : sums) {
            perWindow.merge(b.startMs(), 1, Integer::sum);
            if (b.totals().count() == 0) {
                continue; // no call, so no latency: an empty sketch (a window of scores, a repricing placeholder)
            }
            Cell c = new Cell(shape, b.startMs(), b.key());
            Held h = cells.get(c);
            if (h != null && h.count() == b.totals().count()) {
                held.put(c, h.sketch());
            } else {
                changed.computeIfAbsent(b.startMs(), w -> new ArrayList<>()).add(b.key());
            }
        }
    }

    /**
     * The changed cells read again with sketches (and held), by cell. Windows whose cells all changed are
     * read with the request's keys, others with their changed keys; adjacent windows with the same keys
     * are one read; beyond MAX_READS reads, one read from the first changed window to the last.
     */
    private Future<Map<Cell, Bucket>> fresh(Shape shape, RollupQuery q, Dimension dim, List<String> keys,
                                            TreeMap<Long, List<String>> changed, Map<Long, Integer> perWindow) {
        if (changed.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        long g = q.segment().granularity().millis();
        List<long[]> spans = new ArrayList<>();
        List<List<String>> spanKeys = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : changed.entrySet()) {
            List<String> k = e.getValue().size() == perWindow.get(e.getKey()) ? keys : e.getValue();
            int last = spans.size() - 1;
            if (last >= 0 && spans.get(last)[1] == e.getKey() && java.util.Objects.equals(spanKeys.get(last), k)) {
                spans.get(last)[1] = e.getKey() + g;
            } else {
                spans.add(new long[] {e.getKey(), e.getKey() + g});
                spanKeys.add(k);
            }
        }
        if (spans.size() > MAX_READS) {
            spans = List.of(new long[] {changed.firstKey(), changed.lastKey() + g});
            spanKeys = java.util.Collections.singletonList(keys);
        }
        List<Future<List<Bucket>>> reads = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            RollupQuery part = new RollupQuery(q.grp(), q.filters(), new Segment(q.segment().granularity(),
                    spans.get(i)[0], spans.get(i)[1]));
            reads.add(delegate.buckets(part, g, dim, spanKeys.get(i), true));
        }
        return Future.all(reads).map(done -> {
            Map<Cell, Bucket> read = new HashMap<>();
            reads.forEach(f -> f.result().forEach(b -> read.put(new Cell(shape, b.startMs(), b.key()), b)));
            hold(read);
            return read;
        });
    }

    /** Holds each cell read with its count as version: a sketch-only copy, never handed out to be changed. */
    private synchronized void hold(Map<Cell, Bucket> read) {
        decodedCells += read.size();
        read.forEach((c, b) -> {
            Totals sketch = new Totals().mergeLatency(b.totals());
            Held h = new Held(b.totals().count(), sketch, sketch.sketchBytes());
            Held old = cells.put(c, h);
            bytesHeld += h.bytes() - (old == null ? 0 : old.bytes());
        });
        var it = cells.values().iterator();
        while ((cells.size() > settings.liveCells() || bytesHeld > settings.liveBytes()) && it.hasNext()) {
            bytesHeld -= it.next().bytes();
            it.remove();
        }
    }

    /** The step buckets: each cell as read again when it was, else its fresh sums plus its held sketch. */
    private static List<Bucket> assemble(Shape shape, long stepMs, List<Bucket> sums, Map<Cell, Totals> held,
                                         Map<Cell, Bucket> read) {
        Map<Cell, Totals> out = new LinkedHashMap<>(); // keyed by bucket start and key
        for (Bucket b : sums) {
            Cell c = new Cell(shape, b.startMs(), b.key());
            Totals t = out.computeIfAbsent(new Cell(shape, Math.floorDiv(b.startMs(), stepMs) * stepMs, b.key()),
                    k -> new Totals());
            Bucket again = read.get(c);
            if (again != null) {
                t.add(again.totals());
            } else {
                t.add(b.totals()).mergeLatency(held.get(c));
            }
        }
        Map<Cell, Bucket> seen = new HashMap<>();
        sums.forEach(b -> seen.put(new Cell(shape, b.startMs(), b.key()), b));
        read.forEach((c, b) -> { // a cell that appeared after the sums were read: as read
            if (!seen.containsKey(c)) {
                out.computeIfAbsent(new Cell(shape, Math.floorDiv(c.windowMs(), stepMs) * stepMs, c.key()),
                        k -> new Totals()).add(b.totals());
            }
        });
        List<Bucket> buckets = new ArrayList<>();
        out.forEach((c, t) -> buckets.add(new Bucket(c.windowMs(), c.key(), t)));
        buckets.sort(Comparator.comparingLong(Bucket::startMs).thenComparing(Bucket::key));
        return buckets;
    }

    /** Cells held now (tests, metrics). */
    synchronized int cellsHeld() {
        return cells.size();
    }

    /** Estimated bytes held now (tests, metrics). */
    synchronized long bytesHeld() {
        return bytesHeld;
    }

    /** Cells read with sketches since start, i.e. decoded (tests, metrics). */
    synchronized long decodedCells() {
        return decodedCells;
    }
}
