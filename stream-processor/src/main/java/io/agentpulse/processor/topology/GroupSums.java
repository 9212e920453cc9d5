package io.agentpulse.processor.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Fewer sketch merges per emit in stage 1. A series window's new events went into four groups per
 * slice (agent, model, operation, all: with the three default dimensions 16 merges, plus its series
 * window), and a sketch merge per group was the largest part of stage 1's CPU (CoreCostProbe, JFR).
 * Here the model, operation and all groups of a slice get the events through one sum per (slice,
 * model, operation) of the minute: each series merges into its agent group and that sum (2 merges per
 * slice, not 4), and each sum then into its three groups once per emit (30 model x operation pairs,
 * not 30,000 series). Merging is addition of counters and sketch bins, so the groups get exactly the
 * same values; the sums are emptied every emit and never saved (an emit finishes them before any
 * commit).
 */
final class GroupSums {
    /** One (slice, model, operation) of one minute: the emit's sum, and the three groups it feeds. */
    static final class Sum {
        final WindowKey key;
        /** The slice's model, operation and all groups. */
        final WindowKey[] keys;
        /** Their open windows, found once (see OpenWindows.resolve). */
        final OpenWindows.Open[] open = new OpenWindows.Open[3];
        private Aggregate sum = new Aggregate();
        private boolean queued;

        private Sum(WindowKey key, WindowKey[] keys) {
            this.key = key;
            this.keys = keys;
        }
    }

    private final Map<WindowKey, Sum> sums = new HashMap<>();
    private final List<Sum> touched = new ArrayList<>();

    /**
     * The groupings of {@code wider} (WindowKey.wider: its series window first for a finest key with
     * dimensions, then agent, model, operation, all per slice) merged into directly: the series window
     * and each slice's agent group.
     */
    static WindowKey[] direct(WindowKey[] wider) {
        int lead = wider.length % 4;
        WindowKey[] out = Arrays.copyOf(wider, lead + wider.length / 4);
        for (int s = 0; s < wider.length / 4; s++) {
            out[lead + s] = wider[lead + 4 * s];
        }
        return out;
    }

    /** The sums of {@code wider}'s slices, one per slice (its model, operation and all groups). */
    Sum[] vias(WindowKey[] wider) {
        int lead = wider.length % 4;
        Sum[] out = new Sum[wider.length / 4];
        for (int s = 0; s < out.length; s++) {
            WindowKey byModel = wider[lead + 4 * s + 1];
            WindowKey byOperation = wider[lead + 4 * s + 2];
            WindowKey all = wider[lead + 4 * s + 3];
            // the all group's key with the pair's model and operation: no real window has it
            WindowKey k = new WindowKey(all.granularity(), all.grp(), all.agent(), byModel.model(), byOperation.operation(), all.start());
            out[s] = sums.computeIfAbsent(k, x -> new Sum(x, new WindowKey[] {byModel, byOperation, all}));
        }
        return out;
    }

    void add(Sum via, Aggregate events) {
        via.sum.merge(events);
        if (!via.queued) {
            via.queued = true;
            touched.add(via);
        }
    }

    /** Hands every sum that got events since the last call to {@code into}, then empties it. */
    void drain(BiConsumer<Sum, Aggregate> into) {
        for (Sum s : touched) {
            s.queued = false;
            into.accept(s, s.sum);
            s.sum = new Aggregate();
        }
        touched.clear();
    }

    /** Forgets the sums of minutes that end at or before {@code endMs} (their windows closed). */
    void forgetEndingBy(long endMs) {
        sums.values().removeIf(s -> s.key.end() <= endMs);
    }
}
