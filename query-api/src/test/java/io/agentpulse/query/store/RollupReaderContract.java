package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one contract every RollupReader meets; subclasses give the reader loaded with FLEET's rows. */
public abstract class RollupReaderContract {
    protected static final TestFleet FLEET = new TestFleet(90, 12, 42);
    static final long FROM = TestFleet.T0 + 10 * 60_000L;
    static final long TO = TestFleet.T0 + 75 * 60_000L;
    static final long M = 60_000L;

    /** An in-memory reader holding FLEET's rows, SCORES_ONLY and SLICES, as every implementation's test loads them. */
    static InMemoryRollupReader loadedInMemory() {
        InMemoryRollupReader r = new InMemoryRollupReader();
        FLEET.allRows().forEach(r::put);
        SCORES_ONLY.forEach(r::put);
        SLICES.forEach(r::put);
        return r;
    }
    static final long H = 3_600_000L;
    static final long D = 86_400_000L;

    /** Where the rows of scores without calls lie: a day far from the fleet's. */
    static final long SCORES_DAY = TestFleet.T0 - 400 * 86_400_000L;
    /**
     * A minute holding two user scores and no call, in the groups a score without model or operation
     * lands in (the processor's rows for it, model and operation `_none`); subclasses load it beside FLEET.
     */
    protected static final List<RollupRow> SCORES_ONLY = scoresOnly();

    private static List<RollupRow> scoresOnly() {
        RollupRow.Feedback f = new RollupRow.Feedback(2, 1.5, new long[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
        byte[] empty = io.agentpulse.contract.sketch.SketchCodec.encode(io.agentpulse.contract.sketch.SketchCodec.newSketch());
        List<RollupRow> rows = new java.util.ArrayList<>();
        for (String[] k : new String[][] {{"series", "a1", "_none", "_none"}, {"agent", "a1", "*", "*"},
                {"model", "*", "_none", "*"}, {"operation", "*", "*", "_none"}, {"all", "*", "*", "*"}}) {
            rows.add(new RollupRow(Granularity.MINUTE, k[0], k[1], k[2], k[3], SCORES_DAY, 0, 0, 0, 0, 0, 0.0, empty, f));
        }
        return rows;
    }

    /** Where the sliced rows lie (docs/CONTRACTS.md "Dimensions"): a day far from the others. */
    static final long SLICE_DAY = TestFleet.T0 - 500 * 86_400_000L;
    /**
     * Three minutes of rows sliced by environment: the fleet's prod (3 calls a minute), dev (1, minute 0
     * only) and a hostile value "pr|od" (1, minute 1), and agent a1's prod (2 a minute); loaded beside FLEET.
     */
    protected static final List<RollupRow> SLICES = slices();

    private static List<RollupRow> slices() {
        byte[] empty = io.agentpulse.contract.sketch.SketchCodec.encode(io.agentpulse.contract.sketch.SketchCodec.newSketch());
        List<RollupRow> rows = new java.util.ArrayList<>();
        for (int m = 0; m < 3; m++) {
            long t = SLICE_DAY + m * M;
            rows.add(new RollupRow(Granularity.MINUTE, "all@environment=prod", "*", "*", "*", t, 3, 1, 30, 3, 0, 0.3, empty, java.util.Map.of()));
            rows.add(new RollupRow(Granularity.MINUTE, "agent@environment=prod", "a1", "*", "*", t, 2, 0, 20, 2, 0, 0.2, empty, java.util.Map.of()));
        }
        rows.add(new RollupRow(Granularity.MINUTE, "all@environment=dev", "*", "*", "*", SLICE_DAY, 1, 0, 10, 1, 0, 0.1, empty, java.util.Map.of()));
        rows.add(new RollupRow(Granularity.MINUTE, io.agentpulse.contract.Dimensions.slice("all", "environment", "pr|od"),
                "*", "*", "*", SLICE_DAY + M, 1, 0, 10, 1, 0, 0.1, empty, java.util.Map.of()));
        return rows;
    }

    @Test
    void slicesAreReadByTheirGroupAndTheValuesOfADimensionByRange() throws Exception {
        assertThat(await(reader().dimensionValues("environment", SLICE_DAY, SLICE_DAY + 3 * M)))
                .containsExactlyInAnyOrder("prod", "dev", "pr|od");
        assertThat(await(reader().dimensionValues("environment", SLICE_DAY + M, SLICE_DAY + 3 * M)))
                .as("dev was last counted in minute 0").containsExactlyInAnyOrder("prod", "pr|od");
        assertThat(await(reader().dimensionValues("team", SLICE_DAY, SLICE_DAY + 3 * M))).isEmpty();
        Segment seg = new Segment(Granularity.MINUTE, SLICE_DAY, SLICE_DAY + 3 * M);
        List<String> grps = List.of("all@environment=prod", "all@environment=dev", "all@environment=pr%7Cod");
        List<Bucket> b = await(reader().sliceBuckets(grps, Filters.NONE, seg, 3 * M, false));
        assertThat(b).extracting(Bucket::key).containsExactly("all@environment=dev", "all@environment=pr%7Cod", "all@environment=prod");
        assertThat(b).extracting(x -> x.totals().count()).containsExactly(1L, 1L, 9L);
        List<Bucket> perMinute = await(reader().sliceBuckets(List.of("agent@environment=prod"), new Filters("a1", null, null), seg, M, false));
        assertThat(perMinute).extracting(x -> x.totals().count()).containsExactly(2L, 2L, 2L);
        assertThat(await(reader().sliceBuckets(List.of("agent@environment=prod"), new Filters("a2", null, null), seg, M, false))).isEmpty();
        Filters sliced = new Filters(null, null, null, new Filters.Slice("environment", "pr|od"));
        assertThat(await(reader().totals(new RollupQuery(Planner.group(sliced, null), sliced, seg), false)).count())
                .as("a filter by a hostile value reads its escaped slice").isEqualTo(1);
    }

    protected abstract RollupReader reader();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private RollupQuery query(Filters f, Dimension groupBy) {
        return new RollupQuery(Planner.group(f, groupBy), f, new Segment(Granularity.MINUTE, FROM, TO));
    }

    @Test
    void totalsAreExactAndPercentilesWithinOnePercent() throws Exception {
        for (Filters f : List.of(Filters.NONE, new Filters("a3", null, null), new Filters(null, "m2", null),
                new Filters(null, null, "chat"), new Filters("a1", "m1", null), new Filters("a2", "m2", "embeddings"))) {
            Totals t = await(reader().totals(query(f, null), true));
            List<TestFleet.Event> raw = FLEET.select(f, FROM, TO);
            assertThat(t.count()).as("count %s", f).isEqualTo(raw.size());
            assertThat(t.errors()).isEqualTo(raw.stream().filter(TestFleet.Event::error).count());
            assertThat(t.inputTokens()).isEqualTo(raw.stream().mapToLong(TestFleet.Event::input).sum());
            assertThat(t.outputTokens()).isEqualTo(raw.stream().mapToLong(TestFleet.Event::output).sum());
            assertThat(t.cachedInputTokens()).isEqualTo(raw.stream().mapToLong(TestFleet.Event::cached).sum());
            assertThat(t.costUsd()).isCloseTo(raw.stream().mapToDouble(TestFleet.Event::cost).sum(),
                    org.assertj.core.data.Offset.offset(1e-9));
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                double[] exact = TestFleet.exactBracket(raw, q);
                assertThat(t.quantile(q)).as("p%s of %s", q, f).isBetween(exact[0] * 0.99, exact[1] * 1.01);
            }
        }
    }

    @Test
    void windowRowsAddUpToTheBucketsOfOneWindow() throws Exception {
        for (Filters f : List.of(Filters.NONE, new Filters(null, "m1", null), new Filters("a2", "m2", null))) {
            for (List<String> keys : java.util.Arrays.asList(null, List.of("a1", "a3"))) {
                RollupQuery q = query(f, Dimension.AGENT);
                java.util.Map<String, Long> added = new java.util.TreeMap<>();
                java.util.Map<String, Double> cost = new java.util.TreeMap<>();
                for (Bucket b : await(reader().windowRows(q, Dimension.AGENT, keys))) {
                    added.merge(b.startMs() + "|" + b.key(), b.totals().count() * 1_000_000 + b.totals().inputTokens(), Long::sum);
                    cost.merge(b.startMs() + "|" + b.key(), b.totals().costUsd(), Double::sum);
                }
                java.util.Map<String, Long> expected = new java.util.TreeMap<>();
                for (Bucket b : await(reader().buckets(q, M, Dimension.AGENT, keys, false))) {
                    expected.put(b.startMs() + "|" + b.key(), b.totals().count() * 1_000_000 + b.totals().inputTokens());
                    assertThat(cost.get(b.startMs() + "|" + b.key())).isCloseTo(b.totals().costUsd(), org.assertj.core.data.Offset.offset(1e-9));
                }
                assertThat(added).as("%s, keys %s", f, keys).isEqualTo(expected);
                assertThat(expected.isEmpty()).as("rows to compare").isEqualTo(keys != null && f.agent() != null);
            }
        }
    }

    @Test
    void longRangesCountEveryWindowOnce() throws Exception {
        long day = 86_400_000L;
        long from = TestFleet.T0 - 3 * day + 12_345;
        long to = TestFleet.T0 + day;
        Totals t = await(reader().totals(new RollupQuery("model", new Filters(null, "m1", null),
                new Segment(Granularity.MINUTE, from, to)), true));
        List<TestFleet.Event> raw = FLEET.select(new Filters(null, "m1", null), from, to);
        assertThat(t.count()).isEqualTo(raw.size());
        double[] exact = TestFleet.exactBracket(raw, 0.5);
        assertThat(t.quantile(0.5)).isBetween(exact[0] * 0.99, exact[1] * 1.01);
        long hour = 3_600_000L;
        List<Bucket> hourly = await(reader().buckets(new RollupQuery("model", new Filters(null, "m1", null),
                new Segment(Granularity.MINUTE, TestFleet.T0 - 2 * day, to)), hour, null, null, false));
        assertThat(hourly).extracting(Bucket::startMs).doesNotHaveDuplicates().isSorted()
                .containsExactly(TestFleet.T0, TestFleet.T0 + hour);
        assertThat(hourly.stream().mapToLong(b -> b.totals().count()).sum()).isEqualTo(raw.size());
    }

    @Test
    void errorTypesAreExactPerBucketAndKeyAndAddUpToErrors() throws Exception {
        for (Filters f : List.of(Filters.NONE, new Filters("a3", null, null), new Filters(null, "m2", "chat"))) {
            for (Dimension dim : new Dimension[] {null, Dimension.AGENT, Dimension.MODEL}) {
                if (dim != null && f.pinned().contains(dim)) {
                    continue;
                }
                List<ErrorCount> got = await(reader().errorTypes(query(f, dim), 15 * M, dim));
                java.util.Map<List<Object>, Long> expected = new java.util.HashMap<>();
                for (TestFleet.Event e : FLEET.select(f, FROM, TO)) {
                    if (e.error()) {
                        long b = Math.floorDiv(Math.floorDiv(e.timeMs(), M) * M, 15 * M) * 15 * M;
                        String key = dim == null ? "all" : dim == Dimension.AGENT ? e.agent() : e.model();
                        expected.merge(List.of(b, key, e.errorType()), 1L, Long::sum);
                    }
                }
                java.util.Map<List<Object>, Long> actual = new java.util.HashMap<>();
                got.forEach(c -> actual.put(List.of(c.startMs(), c.key(), c.type()), c.errors()));
                assertThat(actual).as("%s by %s", f, dim).isEqualTo(expected).isNotEmpty();
                assertThat(got).extracting(ErrorCount::startMs).isSorted();
                long errors = await(reader().totals(query(f, null), false)).errors();
                assertThat(got.stream().mapToLong(ErrorCount::errors).sum()).isEqualTo(errors);
            }
        }
    }

    @Test
    void emptyRangeGivesZerosAndNaNPercentiles() throws Exception {
        RollupQuery q = new RollupQuery("all", Filters.NONE, new Segment(Granularity.MINUTE, 0, 60_000));
        Totals t = await(reader().totals(q, true));
        assertThat(t.count()).isZero();
        assertThat(t.costUsd()).isZero();
        assertThat(t.quantile(0.5)).isNaN();
    }

    @Test
    void topKeysOrderByCountThenName() throws Exception {
        List<String> keys = await(reader().topKeys(query(Filters.NONE, Dimension.AGENT), Dimension.AGENT, 2));
        List<String> expected = TestFleet.AGENTS.stream()
                .sorted(java.util.Comparator.comparingLong((String a) -> -FLEET.select(new Filters(a, null, null), FROM, TO).size())
                        .thenComparing(a -> a))
                .limit(2).toList();
        assertThat(keys).isEqualTo(expected);
    }

    @Test
    void bucketsSumPerStepAndKey() throws Exception {
        long step = 600_000L;
        Filters f = new Filters(null, null, "chat");
        List<Bucket> buckets = await(reader().buckets(query(f, Dimension.MODEL), step, Dimension.MODEL,
                List.of("m1"), true));
        assertThat(buckets).isNotEmpty().allMatch(b -> b.key().equals("m1") && b.startMs() % step == 0);
        assertThat(buckets).extracting(Bucket::startMs).isSorted();
        for (Bucket b : buckets) {
            long lo = Math.max(b.startMs(), FROM);
            long hi = Math.min(b.startMs() + step, TO);
            List<TestFleet.Event> raw = FLEET.select(new Filters(null, "m1", "chat"), lo, hi);
            assertThat(b.totals().count()).isEqualTo(raw.size());
            double[] exact = TestFleet.exactBracket(raw, 0.95);
            assertThat(b.totals().quantile(0.95)).isBetween(exact[0] * 0.99, exact[1] * 1.01);
        }
        List<Bucket> all = await(reader().buckets(query(Filters.NONE, null), step, null, null, false));
        assertThat(all).allMatch(b -> b.key().equals("all"));
        assertThat(all.stream().mapToLong(b -> b.totals().count()).sum())
                .isEqualTo(FLEET.select(Filters.NONE, FROM, TO).size());
    }

    /**
     * The planner's coarse plan (hour and day rows for the aligned parts of a range, minute rows for
     * the edges) answers exactly what the minute-only plan answers: the same counts and sums, and
     * the same sketch-merged percentiles (merging sketches adds bin counts, so a coarse row's
     * sketch equals the merge of its minutes'). Sums-only reads give the same sums.
     */
    @Test
    void coarsePlanEqualsTheMinutePlan() throws Exception {
        Planner fine = new Planner(Set.of());
        Planner coarse = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        long t0 = TestFleet.T0;
        long[][] ranges = {{t0 + 7 * M, t0 + 83 * M}, {t0 - D, t0 + D}, {t0, t0 + 2 * H}, {t0 + 3 * M, t0 + 4 * M}};
        for (Filters f : List.of(Filters.NONE, new Filters("a3", null, null), new Filters(null, "m2", null),
                new Filters("a1", "m1", null))) {
            for (long[] r : ranges) {
                Totals minutes = covered(fine, f, r[0], r[1], true);
                Totals mixed = covered(coarse, f, r[0], r[1], true);
                assertThat(minutes.count()).as("%s over %s", f, r).isEqualTo(FLEET.select(f, r[0], r[1]).size());
                assertSame(mixed, minutes, true);
                assertSame(covered(coarse, f, r[0], r[1], false), minutes, false);
            }
        }
        assertThat(coarse.cover(t0 - D, t0 + D)).as("whole days are read from day rows only")
                .extracting(Segment::granularity).containsExactly(Granularity.DAY);
    }

    /** Buckets of a step read from the coarse table equal the same buckets read from minute rows, per key. */
    @Test
    void coarseBucketsEqualMinuteBuckets() throws Exception {
        long from = TestFleet.T0 - H;
        long to = TestFleet.T0 + 2 * H;
        for (Granularity g : List.of(Granularity.HOUR, Granularity.DAY)) {
            for (Dimension dim : java.util.Arrays.asList(null, Dimension.MODEL, Dimension.AGENT)) {
                String grp = Planner.group(Filters.NONE, dim);
                long step = g.millis();
                long lo = Math.floorDiv(from, step) * step;
                List<Bucket> fine = await(reader().buckets(new RollupQuery(grp, Filters.NONE,
                        new Segment(Granularity.MINUTE, lo, to)), step, dim, null, true));
                List<Bucket> coarse = await(reader().buckets(new RollupQuery(grp, Filters.NONE,
                        new Segment(g, lo, to)), step, dim, null, true));
                assertThat(coarse).extracting(b -> b.startMs() + "|" + b.key())
                        .containsExactlyElementsOf(fine.stream().map(b -> b.startMs() + "|" + b.key()).toList());
                for (int i = 0; i < fine.size(); i++) {
                    assertSame(coarse.get(i).totals(), fine.get(i).totals(), true);
                }
            }
        }
    }

    /** Pairs of two dimensions, folded by either one, equal the buckets of that dimension. */
    @Test
    void pairsFoldToTheBreakdownOfEachDimension() throws Exception {
        Filters f = new Filters("a2", null, null);
        for (Granularity g : Granularity.values()) {
            RollupQuery q = new RollupQuery("series", f, new Segment(g, TestFleet.T0 - D, TestFleet.T0 + D));
            java.util.Map<List<String>, Totals> pairs = await(reader().pairs(q, Dimension.MODEL, Dimension.OPERATION));
            assertThat(pairs).hasSize(TestFleet.MODELS.size() * TestFleet.OPERATIONS.size());
            for (Dimension d : List.of(Dimension.MODEL, Dimension.OPERATION)) {
                int at = d == Dimension.MODEL ? 0 : 1;
                for (Bucket b : await(reader().buckets(q, 1L << 50, d, null, true))) {
                    Totals folded = new Totals();
                    pairs.forEach((k, t) -> {
                        if (k.get(at).equals(b.key())) {
                            folded.add(t);
                        }
                    });
                    assertSame(folded, b.totals(), true);
                }
            }
        }
    }

    private Totals covered(Planner planner, Filters f, long from, long to, boolean withSketch) throws Exception {
        Totals sum = new Totals();
        for (Segment s : planner.cover(from, to)) {
            sum.add(await(reader().totals(new RollupQuery(Planner.group(f, null), f, s), withSketch)));
        }
        return sum;
    }

    private static void assertSame(Totals actual, Totals expected, boolean percentiles) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.errors()).isEqualTo(expected.errors());
        assertThat(actual.inputTokens()).isEqualTo(expected.inputTokens());
        assertThat(actual.outputTokens()).isEqualTo(expected.outputTokens());
        assertThat(actual.cachedInputTokens()).isEqualTo(expected.cachedInputTokens());
        assertThat(actual.costUsd()).isCloseTo(expected.costUsd(), org.assertj.core.data.Offset.offset(1e-9));
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            if (percentiles) {
                assertThat(actual.quantile(q)).as("p%s", q).isEqualTo(expected.quantile(q));
            } else {
                assertThat(actual.quantile(q)).isNaN();
            }
        }
    }

    /**
     * Feedback per step from any table equals the scores of the raw data: count, sum, the exact
     * 10-bucket distribution, and the calls of the same rows (the rated share's denominator).
     */
    @Test
    void feedbackPerStepIsExactFromEveryTable() throws Exception {
        long from = TestFleet.T0 - D;
        long to = TestFleet.T0 + D;
        for (Filters f : List.of(Filters.NONE, new Filters("a3", null, null), new Filters(null, "m2", "chat"))) {
            for (Granularity g : List.of(Granularity.MINUTE, Granularity.HOUR, Granularity.DAY)) {
                long step = Math.max(H, g.millis());
                List<FeedbackStep> steps = await(reader().feedback(new RollupQuery(Planner.group(f, null), f,
                        new Segment(g, from, to)), step));
                assertThat(steps).extracting(FeedbackStep::startMs).isSorted().doesNotHaveDuplicates()
                        .allMatch(t -> t % step == 0);
                for (FeedbackStep st : steps) {
                    long lo = Math.max(from, st.startMs());
                    long hi = Math.min(to, st.startMs() + step);
                    List<TestFleet.Score> scores = FLEET.selectScores(f, lo, hi);
                    long[] hist = new long[FeedbackSums.BUCKETS];
                    scores.forEach(sc -> hist[Math.min(9, (int) (sc.score() * 10))]++);
                    assertThat(st.sums().count()).as("%s %s %s", f, g, st.startMs()).isEqualTo(scores.size());
                    assertThat(st.sums().sum()).isCloseTo(scores.stream().mapToDouble(TestFleet.Score::score).sum(),
                            org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(st.sums().histogram()).containsExactly(hist);
                    assertThat(st.sums().calls()).isEqualTo(FLEET.select(f, lo, hi).size());
                }
                long total = steps.stream().mapToLong(st -> st.sums().count()).sum();
                assertThat(total).as("%s %s", f, g).isEqualTo(FLEET.selectScores(f, from, to).size()).isPositive();
            }
        }
        assertThat(await(reader().feedback(new RollupQuery("all", Filters.NONE, new Segment(Granularity.MINUTE, 0, M)), M)))
                .as("no rows, no step").isEmpty();
    }

    /** Scores without calls: counted as feedback, never a call breakdown's key. */
    @Test
    void aMinuteOfScoresOnlyIsFeedbackAndNoCallKey() throws Exception {
        Segment day = new Segment(Granularity.MINUTE, SCORES_DAY, SCORES_DAY + D);
        List<FeedbackStep> fb = await(reader().feedback(new RollupQuery("all", Filters.NONE, day), D));
        assertThat(fb).hasSize(1);
        assertThat(fb.get(0).sums().count()).isEqualTo(2);
        assertThat(fb.get(0).sums().calls()).isZero();
        assertThat(fb.get(0).sums().ratedShare()).isNaN();
        assertThat(fb.get(0).sums().mean()).isEqualTo(0.75);
        assertThat(await(reader().topKeys(new RollupQuery("model", Filters.NONE, day), Dimension.MODEL, 10))).isEmpty();
        assertThat(await(reader().topKeys(new RollupQuery("operation", Filters.NONE, day), Dimension.OPERATION, 10))).isEmpty();
        assertThat(await(reader().totals(new RollupQuery("all", Filters.NONE, day), true)).count()).isZero();
    }

    @Test
    void pingSucceeds() throws Exception {
        await(reader().ping());
    }
}
