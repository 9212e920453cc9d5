package io.agentpulse.processor.pricing;

import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.Completion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a repricing job, pure: raw events in, the corrected events and one cost delta per
 * rollup row out. A row's delta is the sum over its events of (new cost - cost it was counted with), so
 * applying it once makes the row what the processor would have written with the new versions; events
 * already priced by the version in force (same id, same cost) give nothing, so a second run adds nothing.
 * Rows are keyed as the processor writes them: the window of the completion time (event_time + latency)
 * in every enabled granularity, in the five groups (series, agent, model, operation, all; a dropped
 * dimension reads "*", a missing model or operation "_none").
 */
final class Repricing {
    /** Smaller differences are float noise, not a price change (a call's cost is >= 1e-9 USD in practice). */
    static final double EPSILON = 1e-12;

    /** A raw event as stored (agent_events); cost and version null when it was never priced. */
    public record Row(String eventId, long eventTimeMs, String kind, String agent, String model, String operation,
                      Double latencyMs, Long input, Long cached, Long output, Long reasoning, Double cost, String version) {}

    /** The new cost and version of one event. */
    public record Change(String eventId, long eventTimeMs, double cost, String version) {}

    /** A rollup row: table (rollup_1m ...), group, dimensions, window. */
    public record Cell(String table, String grp, String agent, String model, String operation, long windowStart, long windowEnd) {}

    private final PriceBook book;
    private final List<Granularity> granularities;
    private final List<Change> changes = new ArrayList<>();
    private final Map<Cell, Double> deltas = new LinkedHashMap<>();
    private long scanned;
    private double total;

    public Repricing(PriceBook book, List<Granularity> granularities) {
        this.book = book;
        this.granularities = List.copyOf(granularities);
    }

    /** Adds one event of the range; a change when the version in force at its time prices it otherwise. */
    public void add(Row r) {
        scanned++;
        PriceBook.Priced p = book.price(r.model(), r.eventTimeMs(), r.input(), r.cached(), r.output(), r.reasoning()).orElse(null);
        double old = r.cost() == null ? 0.0 : r.cost();
        if (p == null || p.version().id().equals(r.version()) && Math.abs(p.costUsd() - old) <= EPSILON) {
            return; // no version matches (left as it is) or already priced by the version in force
        }
        changes.add(new Change(r.eventId(), r.eventTimeMs(), p.costUsd(), p.version().id()));
        double delta = p.costUsd() - old;
        total += delta;
        if (!"SPAN".equals(r.kind()) && !"UNKNOWN".equals(r.kind())) {
            return; // feedback and heartbeats are stored raw but are in no window
        }
        long t = Completion.of(r.eventTimeMs(), r.latencyMs());
        String model = dim(r.model());
        String op = dim(r.operation());
        for (Granularity g : granularities) {
            long start = g.windowStart(t);
            long end = start + g.millis();
            String table = "rollup_" + g.label();
            add(new Cell(table, "series", r.agent(), model, op, start, end), delta);
            add(new Cell(table, "agent", r.agent(), "*", "*", start, end), delta);
            add(new Cell(table, "model", "*", model, "*", start, end), delta);
            add(new Cell(table, "operation", "*", "*", op, start, end), delta);
            add(new Cell(table, "all", "*", "*", "*", start, end), delta);
        }
    }

    private void add(Cell c, double delta) {
        deltas.merge(c, delta, Double::sum);
    }

    private static String dim(String v) {
        return v == null || v.isBlank() ? "_none" : v;
    }

    public List<Change> changes() {
        return changes;
    }

    /** Delta per rollup row (insertion order: by table, then as met). */
    public Map<Cell, Double> deltas() {
        return deltas;
    }

    public long scanned() {
        return scanned;
    }

    /** Sum of the events' cost changes, USD. */
    public double totalDelta() {
        return total;
    }
}
