package io.agentpulse.processor.budget;

import io.agentpulse.contract.Granularity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup tables hold a span exactly, coarsest first: a span [from, to) is split into the whole
 * windows of the coarsest enabled granularity that lie in it and have settled, and the edges, split the
 * same way with the next finer one, down to minutes (every granularity divides the next coarser one,
 * so the parts count each minute once). A month to date on the 20th: 19 day rows per series, the hours
 * of today, then minutes. Days at most: weeks and 4 weeks (epoch-aligned, from Thursdays) would save a
 * few of at most 38 day rows per series and span (a month, a 7-day baseline), and a day is the unit of
 * every budget. Pure.
 */
final class Cover {
    /**
     * How long after its end a coarse window holds all its minutes: the stream publishes a coarse window
     * when it closes, a grace (30 s) and an emit or two after its last minute ends; the query API's
     * planner waits as long (Planner.SETTLE). Until then the span's tail is read from finer tables.
     */
    static final Duration SETTLE = Duration.ofMinutes(2);

    /** Windows of one table whose start lies in [fromMs, toMs). */
    record Part(Granularity granularity, long fromMs, long toMs) {}

    private Cover() {}

    /** The parts of [fromMs, toMs) at {@code nowMs}, reading only the {@code enabled} granularities (1m always). */
    static List<Part> parts(long fromMs, long toMs, long nowMs, List<Granularity> enabled) {
        List<Part> out = new ArrayList<>();
        split(fromMs, toMs, nowMs - SETTLE.toMillis(), coarsest(enabled, Granularity.DAY.ordinal()), enabled, out);
        return out;
    }

    private static void split(long from, long to, long settled, Granularity g, List<Granularity> enabled, List<Part> out) {
        if (from >= to) {
            return;
        }
        if (g == Granularity.MINUTE) {
            out.add(new Part(g, from, to));
            return;
        }
        long size = g.millis();
        long lo = Math.floorDiv(from + size - 1, size) * size;           // first whole window's start
        long hi = Math.floorDiv(Math.min(to, settled), size) * size;     // end of the last whole, settled one
        Granularity finer = coarsest(enabled, g.ordinal() - 1);
        if (lo >= hi) {
            split(from, to, settled, finer, enabled, out);
            return;
        }
        split(from, lo, settled, finer, enabled, out);
        out.add(new Part(g, lo, hi));
        split(hi, to, settled, finer, enabled, out);
    }

    /** The coarsest enabled granularity at or below ordinal {@code max} (1m when none). */
    private static Granularity coarsest(List<Granularity> enabled, int max) {
        for (int i = max; i > 0; i--) {
            if (enabled.contains(Granularity.values()[i])) {
                return Granularity.values()[i];
            }
        }
        return Granularity.MINUTE;
    }
}
