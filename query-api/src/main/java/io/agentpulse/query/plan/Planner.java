package io.agentpulse.query.plan;

import io.agentpulse.contract.Granularity;

import io.agentpulse.contract.Dimensions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the rollup group (from the filters) and the tables (from the range). The 1m table is
 * always readable; coarser tables are used only when configured as filled, and only for the
 * whole windows they hold: a coarse window [s, s+g) equals the union of the 1m windows starting
 * in it, so a range split into aligned coarse middles and fine edges counts every event once.
 */
public final class Planner {
    /** Candidate auto steps in ms, ascending; all multiples of one minute. */
    private static final long[] NICE_STEPS = {
        60_000L, 120_000L, 300_000L, 600_000L, 900_000L, 1_800_000L,
        3_600_000L, 7_200_000L, 10_800_000L, 21_600_000L, 43_200_000L,
        86_400_000L, 172_800_000L, 604_800_000L, 2_419_200_000L
    };
    /** About this many points per auto-stepped chart (uPlot draws ~1 point per 5-10 px). */
    static final int TARGET_POINTS = 120;

    /**
     * How long after its end a coarse window holds all its minutes: the processor merges a minute into
     * the coarser windows when that minute closes (its end + the processor's grace, 30 s by default,
     * + an emit interval or two). Until then the range's tail is read from the 1-minute table.
     */
    public static final Duration SETTLE = Duration.ofMinutes(2);

    private final List<Granularity> coarsestFirst;
    private final Clock clock;
    private final long settleMs;
    private final Dimensions dimensions;

    /** The slicing dimensions the rollups hold (the processor's AGENTPULSE_DIMENSIONS). */
    public Dimensions dimensions() {
        return dimensions;
    }

    /** A planner for data that no longer changes (tests, history): coarse windows are used up to {@code to}. */
    public Planner(Set<Granularity> filled) {
        this(filled, Clock.systemUTC(), Duration.ZERO);
    }

    /** A planner over live data: a coarse window is read only once {@code settle} has passed since its end. */
    public Planner(Set<Granularity> filled, Clock clock, Duration settle) {
        this(filled, clock, settle, Dimensions.NONE_CONFIGURED);
    }

    /** As above, answering filters and group-bys on the slicing dimensions {@code dimensions}. */
    public Planner(Set<Granularity> filled, Clock clock, Duration settle, Dimensions dimensions) {
        this.dimensions = dimensions;
        this.clock = clock;
        this.settleMs = settle.toMillis();
        EnumSet<Granularity> set = EnumSet.of(Granularity.MINUTE);
        set.addAll(filled);
        this.coarsestFirst = new ArrayList<>(set);
        java.util.Collections.reverse(coarsestFirst);
    }

    /**
     * series when two or more dimensions are needed, the dimension's own group for one, all for none;
     * with a slice, that group's slice (g@dimension=value). Series are not sliced (it would multiply the
     * largest group by every dimension): a slice with two dimensions needed is a {@link SliceException}.
     */
    public static String group(Filters filters, Dimension groupBy) {
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(filters.pinned());
        if (groupBy != null) {
            needed.add(groupBy);
        }
        String grp = needed.isEmpty() ? "all" : needed.size() == 1 ? needed.iterator().next().grp() : "series";
        if (filters.slice() == null) {
            return grp;
        }
        if (grp.equals("series")) {
            throw new SliceException(filters.slice().dimension(), "A filter on " + filters.slice().dimension()
                    + " combines with at most one of agent, model and operation (filters and grouping together): "
                    + "rollups are sliced per agent, per model, per operation and for the fleet, not per series.");
        }
        return Dimensions.slice(grp, filters.slice().dimension(), filters.slice().value());
    }

    /** Splits [from, to) into segments, the coarsest table for each aligned middle. */
    public List<Segment> cover(long fromMs, long toMs) {
        return cover(fromMs, toMs, coarsestFirst.get(0));
    }

    /**
     * As {@link #cover(long, long)}, with no table coarser than {@code coarsest}: a read per step of that
     * size, where every window read must lie in one step (the open day of a per-day chart comes from
     * the hour and minute tables, as the day table holds a day only once it has closed and settled).
     */
    public List<Segment> cover(long fromMs, long toMs, Granularity coarsest) {
        int level = 0;
        while (coarsestFirst.get(level).millis() > coarsest.millis()) {
            level++;
        }
        List<Segment> out = new ArrayList<>();
        cover(fromMs, toMs, level, out);
        return out;
    }

    private void cover(long from, long to, int level, List<Segment> out) {
        if (from >= to) {
            return;
        }
        Granularity g = coarsestFirst.get(level);
        if (g == Granularity.MINUTE) {
            out.add(new Segment(g, from, to));
            return;
        }
        long lo = Math.floorDiv(from + g.millis() - 1, g.millis()) * g.millis();
        long settled = settleMs == 0 ? to : Math.min(to, clock.millis() - settleMs);
        long hi = Math.floorDiv(settled, g.millis()) * g.millis();
        if (lo >= hi) {
            cover(from, to, level + 1, out);
            return;
        }
        cover(from, lo, level + 1, out);
        out.add(new Segment(g, lo, hi));
        cover(hi, to, level + 1, out);
    }

    /**
     * A table of many keys with percentiles (the agents list: 1000 agents) merges one sketch per key
     * per window read, so it is computed at a resolution: whole windows of the coarsest filled table
     * no longer than 1/RESOLUTION_PARTS of the range, the range widened outward to them (a year:
     * 4-week windows, 13-14 per agent; a day: hours; an hour: 5 minutes). The widening is at most one
     * such window at each end (&lt;= 1/12 of the range), and none at an end on the current time: the open
     * window holds nothing later.
     */
    static final int RESOLUTION_PARTS = 12;

    /** The coarsest filled table at most 1/RESOLUTION_PARTS of [from, to) (the minute table at least). */
    public Granularity resolution(long fromMs, long toMs) {
        long most = Math.max(0, toMs - fromMs) / RESOLUTION_PARTS;
        for (Granularity g : coarsestFirst) {
            if (g.millis() <= most) {
                return g;
            }
        }
        return Granularity.MINUTE;
    }

    /** [from, to) widened outward to whole windows of {@link #resolution}: {from, to}. */
    public long[] atResolution(long fromMs, long toMs) {
        long g = resolution(fromMs, toMs).millis();
        return new long[] {Math.floorDiv(fromMs, g) * g, Math.floorDiv(toMs + g - 1, g) * g};
    }

    /** The coarsest filled table whose windows tile a step. */
    public Granularity forStep(long stepMs) {
        for (Granularity g : coarsestFirst) {
            if (stepMs % g.millis() == 0) {
                return g;
            }
        }
        throw new IllegalArgumentException("step must be a whole number of minutes");
    }

    /**
     * The auto step of a chart on this planner's tables: {@link #autoStep(long, long) the nice
     * step}, except that a range of a day or more gets at least a one-hour step when the hour
     * table is filled (a day: 24 points of 10 hour rows by model instead of 96 points of 14,400
     * minute rows; merging sketches costs per row). The minute table then serves only charts
     * shorter than a day and the sub-hour edges of summaries.
     */
    public long autoStep(long fromMs, long toMs) {
        long step = niceStep(fromMs, toMs);
        long hour = Granularity.HOUR.millis();
        if (step < hour && toMs - fromMs >= Granularity.DAY.millis() && coarsestFirst.contains(Granularity.HOUR)) {
            return hour;
        }
        return step;
    }

    /** The smallest nice step giving at most about TARGET_POINTS buckets over the range. */
    static long niceStep(long fromMs, long toMs) {
        long raw = Math.max(1, (toMs - fromMs + TARGET_POINTS - 1) / TARGET_POINTS);
        for (long s : NICE_STEPS) {
            if (s >= raw) {
                return s;
            }
        }
        long day = 86_400_000L;
        return (raw + day - 1) / day * day;
    }
}
