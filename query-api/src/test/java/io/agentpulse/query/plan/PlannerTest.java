package io.agentpulse.query.plan;

import io.agentpulse.contract.Granularity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final long M = 60_000L;
    private static final long H = 3_600_000L;
    private static final long D = 86_400_000L;
    /** 2026-11-20T00:00:00Z */
    private static final long DAY0 = 1_795_132_800_000L;

    @Test
    void groupFollowsTheFilters() {
        assertThat(Planner.group(Filters.NONE, null)).isEqualTo("all");
        assertThat(Planner.group(new Filters("a", null, null), null)).isEqualTo("agent");
        assertThat(Planner.group(new Filters(null, "m", null), null)).isEqualTo("model");
        assertThat(Planner.group(new Filters(null, null, "chat"), null)).isEqualTo("operation");
        assertThat(Planner.group(new Filters("a", "m", null), null)).isEqualTo("series");
        assertThat(Planner.group(new Filters("a", "m", "chat"), null)).isEqualTo("series");
        assertThat(Planner.group(Filters.NONE, Dimension.MODEL)).isEqualTo("model");
        assertThat(Planner.group(new Filters(null, "m", null), Dimension.MODEL)).isEqualTo("model");
        assertThat(Planner.group(new Filters("a", null, null), Dimension.MODEL)).isEqualTo("series");
    }

    @Test
    void onlyTheMinuteTableWhileCoarserOnesAreNotFilled() {
        Planner p = new Planner(Set.of());
        assertThat(p.cover(DAY0 + 123, DAY0 + 3 * D)).containsExactly(new Segment(Granularity.MINUTE, DAY0 + 123, DAY0 + 3 * D));
        assertThat(p.forStep(D)).isEqualTo(Granularity.MINUTE);
    }

    @Test
    void coarsestTableForEachAlignedPart() {
        Planner p = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        long from = DAY0 - 2 * H - 30 * M;
        long to = DAY0 + 3 * D + 5 * H + 7 * M;
        assertThat(p.cover(from, to)).containsExactly(
                new Segment(Granularity.MINUTE, from, DAY0 - 2 * H),
                new Segment(Granularity.HOUR, DAY0 - 2 * H, DAY0),
                new Segment(Granularity.DAY, DAY0, DAY0 + 3 * D),
                new Segment(Granularity.HOUR, DAY0 + 3 * D, DAY0 + 3 * D + 5 * H),
                new Segment(Granularity.MINUTE, DAY0 + 3 * D + 5 * H, to));
        assertThat(p.cover(DAY0 + 5 * M, DAY0 + 50 * M)).containsExactly(new Segment(Granularity.MINUTE, DAY0 + 5 * M, DAY0 + 50 * M));
    }

    @Test
    void onLiveDataACoarseWindowIsReadOnlyOnceItsLastMinuteHasClosed() {
        // the processor merges a minute into the hour when the minute closes (end + grace): until the
        // settle time has passed, the hour just ended is read from its minutes, which are live
        long now = DAY0 + 5 * H + 1 * M;
        Planner p = new Planner(Set.of(Granularity.HOUR, Granularity.DAY),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC), Planner.SETTLE);
        assertThat(p.cover(DAY0 + 2 * H, now)).containsExactly(
                new Segment(Granularity.HOUR, DAY0 + 2 * H, DAY0 + 4 * H),
                new Segment(Granularity.MINUTE, DAY0 + 4 * H, now));
        assertThat(new Planner(Set.of(Granularity.HOUR, Granularity.DAY)).cover(DAY0 + 2 * H, now))
                .as("settled data").contains(new Segment(Granularity.HOUR, DAY0 + 2 * H, DAY0 + 5 * H));
    }

    @Test
    void segmentsTileTheRange() {
        Planner p = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        for (long[] r : new long[][] {{DAY0 + 1, DAY0 + 40 * D + 3}, {DAY0, DAY0 + D}, {DAY0 + 59 * M, DAY0 + 61 * M}}) {
            List<Segment> s = p.cover(r[0], r[1]);
            assertThat(s.get(0).fromMs()).isEqualTo(r[0]);
            assertThat(s.get(s.size() - 1).toMs()).isEqualTo(r[1]);
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.get(i).fromMs()).isEqualTo(s.get(i - 1).toMs());
            }
        }
    }

    @Test
    void stepPicksATableThatTilesIt() {
        Planner p = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        assertThat(p.forStep(5 * M)).isEqualTo(Granularity.MINUTE);
        assertThat(p.forStep(2 * H)).isEqualTo(Granularity.HOUR);
        assertThat(p.forStep(7 * D)).isEqualTo(Granularity.DAY);
        assertThat(new Planner(Set.of(Granularity.HOUR)).forStep(D)).isEqualTo(Granularity.HOUR);
    }

    @Test
    void autoStepGivesAboutAHundredTwentyPointsOnWholeMinutes() {
        assertThat(Planner.niceStep(0, H)).isEqualTo(M);
        assertThat(Planner.niceStep(0, 6 * H)).isEqualTo(5 * M);
        assertThat(Planner.niceStep(0, D)).isEqualTo(15 * M);
        assertThat(Planner.niceStep(0, 7 * D)).isEqualTo(2 * H);
        assertThat(Planner.niceStep(0, 365 * D)).isEqualTo(7 * D);
        assertThat(Planner.niceStep(0, 10 * 365 * D)).isEqualTo(31 * D);
        for (long range : new long[] {M, H, 13 * H, 30 * D}) {
            long step = Planner.niceStep(0, range);
            assertThat(step % M).isZero();
            assertThat(range / step).isLessThanOrEqualTo(Planner.TARGET_POINTS);
        }
    }

    @Test
    void autoStepOfADayOrMoreReadsHourRowsWhenTheyAreFilled() {
        Planner hours = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        assertThat(hours.autoStep(0, D)).isEqualTo(H);
        assertThat(hours.forStep(hours.autoStep(0, D))).isEqualTo(Granularity.HOUR);
        assertThat(hours.autoStep(0, D - M)).as("under a day: minutes").isEqualTo(15 * M);
        assertThat(hours.autoStep(0, 30 * D)).isEqualTo(6 * H);
        assertThat(hours.autoStep(0, 365 * D)).isEqualTo(7 * D);
        assertThat(new Planner(Set.of()).autoStep(0, D)).as("minutes only").isEqualTo(15 * M);
    }

    @Test
    void everyTableTilesAYearCoarsestFirst() {
        Planner p = new Planner(Set.of(Granularity.values()));
        long w = Granularity.WEEK.millis();
        long w4 = Granularity.FOUR_WEEKS.millis();
        long to = DAY0 + 10 * D + 11 * H + 25 * M; // 2026-11-30T11:25Z: a week and days past a 4-week edge
        long from = to - 365 * D;
        List<Segment> s = p.cover(from, to);
        // 5m, 1h, 1d, 1w, 4w on the way in and out; each segment's ends on its table's windows.
        assertThat(s).extracting(Segment::granularity).containsExactly(Granularity.FIVE_MINUTES, Granularity.HOUR,
                Granularity.DAY, Granularity.WEEK, Granularity.FOUR_WEEKS, Granularity.WEEK, Granularity.DAY,
                Granularity.HOUR, Granularity.FIVE_MINUTES);
        for (Segment seg : s) {
            assertThat(Math.floorMod(seg.fromMs(), seg.granularity().millis())).isZero();
            assertThat(Math.floorMod(seg.toMs(), seg.granularity().millis())).isZero();
        }
        Segment middle = s.get(4);
        assertThat((middle.toMs() - middle.fromMs()) / w4).isBetween(11L, 13L);
        // 4-week and week windows start on a Thursday 00:00 UTC (the epoch's weekday).
        assertThat(java.time.Instant.ofEpochMilli(middle.fromMs()).atOffset(java.time.ZoneOffset.UTC).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(w4 % w).isZero();
    }

    @Test
    void aManyKeyTableIsReadAtAResolutionOfATwelfthOfTheRangeWidenedOutward() {
        Planner p = new Planner(Set.of(Granularity.values()));
        long to = DAY0 + 11 * H + 25 * M + 17_000;
        assertThat(p.resolution(to - H, to)).isEqualTo(Granularity.FIVE_MINUTES);
        assertThat(p.resolution(to - D, to)).isEqualTo(Granularity.HOUR);
        assertThat(p.resolution(to - 30 * D, to)).isEqualTo(Granularity.DAY);
        assertThat(p.resolution(to - 120 * D, to)).isEqualTo(Granularity.WEEK);
        assertThat(p.resolution(to - 365 * D, to)).isEqualTo(Granularity.FOUR_WEEKS);
        assertThat(p.resolution(to - 10 * M, to)).isEqualTo(Granularity.MINUTE);
        long[] hour = p.atResolution(to - H, to);
        assertThat(hour).containsExactly(DAY0 + 10 * H + 25 * M, DAY0 + 11 * H + 30 * M);
        long[] day = p.atResolution(to - D, to);
        assertThat(day).containsExactly(DAY0 - D + 11 * H, DAY0 + 12 * H);
        // Without the coarse tables the resolution is what is filled.
        Planner hourly = new Planner(Set.of(Granularity.HOUR, Granularity.DAY));
        assertThat(hourly.resolution(to - H, to)).isEqualTo(Granularity.MINUTE);
        assertThat(hourly.resolution(to - 365 * D, to)).isEqualTo(Granularity.DAY);
        // Widened by less than one window at each end: at most 1/12 of the range in all.
        for (long len : new long[] {H, D, 30 * D, 365 * D}) {
            long[] r = p.atResolution(to - len, to);
            assertThat(r[0]).isLessThanOrEqualTo(to - len);
            assertThat(r[1]).isGreaterThanOrEqualTo(to);
            assertThat(r[1] - r[0] - len).isLessThan(2 * p.resolution(to - len, to).millis());
        }
    }

    @Test
    void weeklyAndFourWeeklyStepsReadTheirTables() {
        Planner p = new Planner(Set.of(Granularity.values()));
        assertThat(p.forStep(Granularity.WEEK.millis())).isEqualTo(Granularity.WEEK);
        assertThat(p.forStep(Granularity.FOUR_WEEKS.millis())).isEqualTo(Granularity.FOUR_WEEKS);
        assertThat(p.forStep(10 * M)).isEqualTo(Granularity.FIVE_MINUTES);
        assertThat(p.autoStep(DAY0 - 365 * D, DAY0)).isEqualTo(Granularity.WEEK.millis());
    }
}
