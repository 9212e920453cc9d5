package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the live-window cache may keep: a cell's sketch while its count is unchanged, never longer. */
class LiveSketchesTest {
    static final long W = Granularity.FIVE_MINUTES.millis();
    static final long T0 = TestFleet.T0;
    static final long WHOLE = Long.MAX_VALUE / 4;
    static final Duration SETTLED_AFTER = Duration.ofMinutes(65);

    record SketchRead(Segment segment, List<String> keys) {}

    final InMemoryRollupReader rows = new InMemoryRollupReader();
    final List<SketchRead> sketchReads = new ArrayList<>();
    final RollupReader recorded = (RollupReader) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RollupReader.class}, (proxy, m, args) -> {
                if (m.getName().equals("buckets") && (boolean) args[4]) {
                    @SuppressWarnings("unchecked")
                    List<String> keys = (List<String>) args[3];
                    sketchReads.add(new SketchRead(((RollupQuery) args[0]).segment(), keys));
                }
                return m.invoke(rows, args);
            });
    /** A minute into window 12 (the open one): with 65 minutes to settle, windows from T0 - W on are live. */
    final SettledSketchesTest.Moving clock = new SettledSketchesTest.Moving();

    void window(String agent, int w, long count, double cost, double... latencies) {
        rows.put(new RollupRow(Granularity.FIVE_MINUTES, "agent", agent, "*", "*", T0 + w * W, count, 0, 0, 0, 0, cost,
                SettledSketchesTest.sketchOf(latencies)));
    }

    LiveSketches cache(int maxCells, long maxBytes) {
        clock.nowMs = T0 + 12 * W + 60_000;
        return new LiveSketches(recorded, new SettledSketches.Settings(0, SETTLED_AFTER, maxCells, maxBytes), clock);
    }

    static List<Bucket> read(RollupReader r, long from, long to, long step, List<String> keys) throws Exception {
        RollupQuery q = new RollupQuery("agent", Filters.NONE, new Segment(Granularity.FIVE_MINUTES, from, to));
        return r.buckets(q, step, Dimension.AGENT, keys, true).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static List<Bucket> byAgent(RollupReader r) throws Exception {
        return read(r, T0, T0 + 12 * W, WHOLE, null);
    }

    /** Same buckets, counts, costs and percentiles as the rows read without a cache. */
    void assertAsTheRows(List<Bucket> got, List<Bucket> plain) {
        assertThat(got).extracting(Bucket::startMs, Bucket::key)
                .containsExactlyElementsOf(plain.stream().map(b -> org.assertj.core.groups.Tuple.tuple(b.startMs(), b.key())).toList());
        for (int i = 0; i < got.size(); i++) {
            Totals g = got.get(i).totals();
            Totals p = plain.get(i).totals();
            assertThat(g.count()).isEqualTo(p.count());
            assertThat(g.costUsd()).isCloseTo(p.costUsd(), org.assertj.core.data.Offset.offset(1e-9)); // added in another order
            for (double q : new double[] {0, 0.5, 0.95, 0.99, 1}) {
                assertThat(Double.valueOf(g.quantile(q))).as("q%s of %s", q, got.get(i).key()).isEqualTo(Double.valueOf(p.quantile(q))); // NaN when empty
            }
        }
    }

    void fleet() {
        for (int w = 0; w < 12; w++) {
            window("a1", w, 2, 1.0, 100 + w, 200 + w);
            window("a2", w, 1, 0.5, 1000 + w);
            window("a3", w, 3, 0.1, 10, 20, 30 + w);
        }
    }

    @Test
    void aSecondReadDecodesNothingAndAnswersAsTheRows() throws Exception {
        fleet();
        LiveSketches r = cache(1_000, 1 << 20);
        assertAsTheRows(byAgent(r), byAgent(rows));
        assertThat(r.decodedCells()).isEqualTo(36);
        sketchReads.clear();
        assertAsTheRows(byAgent(r), byAgent(rows));
        assertThat(sketchReads).as("every cell's count is unchanged").isEmpty();
        assertThat(r.cellsHeld()).isEqualTo(36);
    }

    @Test
    void aChangedCountReadsThatCellAgainAndACostChangeReadsNothing() throws Exception {
        fleet();
        LiveSketches r = cache(1_000, 1 << 20);
        byAgent(r);
        sketchReads.clear();
        window("a1", 11, 3, 1.0, 111, 211, 90_000); // the open window takes a slow call
        window("a2", 3, 2, 0.5, 1003, 50_000); // a late call corrects an older window
        window("a3", 5, 3, 7.0, 10, 20, 35); // repricing: cost only, the same calls
        List<Bucket> got = byAgent(r);
        assertAsTheRows(got, byAgent(rows));
        assertThat(got.get(0).totals().quantile(1.0)).isGreaterThan(89_000);
        assertThat(got.get(2).totals().costUsd()).isCloseTo(11 * 0.1 + 7.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sketchReads).as("only the two changed cells, each with its own key").containsExactly(
                new SketchRead(new Segment(Granularity.FIVE_MINUTES, T0 + 3 * W, T0 + 4 * W), List.of("a2")),
                new SketchRead(new Segment(Granularity.FIVE_MINUTES, T0 + 11 * W, T0 + 12 * W), List.of("a1")));
    }

    @Test
    void aWindowWhoseCellsAllChangedIsReadWholeAndCellsWithoutCallsNever() throws Exception {
        fleet();
        window("a4", 2, 0, 0, new double[0]); // a window of feedback scores only: no call, no latency
        LiveSketches r = cache(1_000, 1 << 20);
        byAgent(r);
        sketchReads.clear();
        for (String a : List.of("a1", "a2", "a3")) {
            window(a, 11, 5, 1.0, 1, 2, 3, 4, 5);
        }
        assertAsTheRows(byAgent(r), byAgent(rows));
        assertThat(sketchReads).containsExactly(new SketchRead(new Segment(Granularity.FIVE_MINUTES, T0 + 11 * W, T0 + 12 * W), null));
    }

    /** Cell {@code cell}'s row with {@code count} calls: the latencies of n calls are those of n - 1 plus one. */
    void cell(int cell, long count, double cost) {
        double[] latencies = new double[(int) count];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 10 + (cell * 37 + i * 1_009) % 5_000;
        }
        window("a" + (1 + cell % 3), cell / 3, count, cost, latencies);
    }

    @Test
    void neverStaleUnderRandomChangesAnyStepAndKeys() throws Exception {
        long[] counts = new long[36];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = 1;
            cell(c, 1, 0);
        }
        LiveSketches r = cache(1_000, 1 << 20);
        Random random = new Random(7);
        for (int round = 0; round < 60; round++) {
            for (int change = random.nextInt(4); change > 0; change--) {
                int c = random.nextInt(counts.length);
                counts[c] += random.nextBoolean() ? 1 : 0; // a call, or a repricing of the same calls
                cell(c, counts[c], round);
            }
            long step = List.of(W, 3 * W, WHOLE).get(round % 3);
            List<String> keys = round % 4 == 0 ? List.of("a1", "a3") : null;
            long from = T0 + (round % 5) * W;
            assertAsTheRows(read(r, from, T0 + 12 * W, step, keys), read(rows, from, T0 + 12 * W, step, keys));
        }
        assertThat(r.decodedCells()).as("held cells were used").isLessThan(60 * 20);
    }

    @Test
    void theBoundsEvictTheLeastRecentlyUsedCells() throws Exception {
        fleet();
        LiveSketches r = cache(10, 1 << 20);
        read(r, T0, T0 + 2 * W, WHOLE, null); // 6 cells
        read(r, T0 + 4 * W, T0 + 5 * W, WHOLE, null); // 3 more
        read(r, T0, T0 + W, WHOLE, null); // touches window 0
        read(r, T0 + 6 * W, T0 + 7 * W, WHOLE, null); // 3 more: 12 > 10, window 1 goes (least recently used)
        assertThat(r.cellsHeld()).isEqualTo(10);
        sketchReads.clear();
        assertAsTheRows(read(r, T0, T0 + 2 * W, WHOLE, null), read(rows, T0, T0 + 2 * W, WHOLE, null));
        assertThat(sketchReads).as("window 0 held, window 1 evicted").extracting(SketchRead::segment)
                .containsExactly(new Segment(Granularity.FIVE_MINUTES, T0 + W, T0 + 2 * W));

        long perCell = r.bytesHeld() / r.cellsHeld();
        LiveSketches bytes = cache(1_000, perCell * 4);
        read(bytes, T0, T0 + 2 * W, WHOLE, null);
        assertThat(bytes.cellsHeld()).as("the byte bound holds about 4 cells").isBetween(3, 5);
        assertThat(bytes.bytesHeld()).isLessThanOrEqualTo(perCell * 4);
    }

    @Test
    void settledSegmentsAndSumsOnlyReadsPassThrough() throws Exception {
        fleet();
        LiveSketches r = cache(1_000, 1 << 20);
        clock.nowMs += 2 * W; // windows up to 0 settle: the cut is T0 + W
        assertAsTheRows(byAgent(r), byAgent(rows));
        assertThat(r.cellsHeld()).as("a segment starting before the settled cut is not cached").isZero();
        RollupQuery q = new RollupQuery("agent", Filters.NONE, new Segment(Granularity.FIVE_MINUTES, T0 + 2 * W, T0 + 12 * W));
        r.buckets(q, WHOLE, Dimension.AGENT, null, false).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.cellsHeld()).isZero();
        assertAsTheRows(read(r, T0 + 2 * W, T0 + 12 * W, WHOLE, null), read(rows, T0 + 2 * W, T0 + 12 * W, WHOLE, null));
        assertThat(r.cellsHeld()).isEqualTo(30);
    }
}
