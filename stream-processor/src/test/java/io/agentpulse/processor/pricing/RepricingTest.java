package io.agentpulse.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.contract.Granularity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of a repricing job: per-event changes and one delta per rollup row. */
class RepricingTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final long T = FEB.toEpochMilli() + 3_600_000L; // 01:00 on Feb 1st
    private static final PriceVersion OLD = v(JAN, 1.0);
    private static final PriceVersion NEW = v(FEB, 3.0);

    private static PriceVersion v(Instant from, double price) {
        return new PriceVersion(PriceVersion.idOf("m", from), "m", from, price, price, price, price, "admin", null, "t");
    }

    private static Repricing.Row row(String id, long t, double latency, String version, Double cost, String kind) {
        return new Repricing.Row(id, t, kind, "a", "m", null, latency, 1_000_000L, 0L, 0L, 0L, cost, version);
    }

    @Test
    void eventsPricedByAnOlderVersionGetTheNewPriceAndEveryRollupRowItsDelta() {
        Repricing r = new Repricing(new PriceBook(List.of(OLD, NEW)), List.of(Granularity.MINUTE, Granularity.HOUR));
        r.add(row("e1", T, 100, OLD.id(), 1.0, "SPAN"));             // 1 -> 3
        r.add(row("e2", T + 1_000, 59_500, OLD.id(), 1.0, "SPAN"));   // completes in the next minute
        r.add(row("e3", T, 100, NEW.id(), 3.0, "SPAN"));             // already right: nothing
        r.add(row("e4", T, 100, null, null, "SPAN"));                // never priced (model was unknown): 0 -> 3
        r.add(row("fb", T, 0, OLD.id(), 1.0, "FEEDBACK"));           // repriced raw, in no window

        assertThat(r.scanned()).isEqualTo(5);
        assertThat(r.changes()).extracting(Repricing.Change::eventId).containsExactly("e1", "e2", "e4", "fb");
        assertThat(r.changes()).allSatisfy(c -> assertThat(c.version()).isEqualTo(NEW.id()));
        assertThat(r.totalDelta()).isCloseTo(2 + 2 + 3 + 2, within(1e-12));
        long minute = T;
        assertThat(r.deltas().get(cell("rollup_1m", "series", "a", "_none", minute, 60_000))).isCloseTo(5.0, within(1e-12));
        assertThat(r.deltas().get(cell("rollup_1m", "all", "*", "*", minute + 60_000, 60_000))).isCloseTo(2.0, within(1e-12));
        assertThat(r.deltas().get(cell("rollup_1h", "all", "*", "*", T, 3_600_000))).isCloseTo(7.0, within(1e-12));
        assertThat(r.deltas().get(cell("rollup_1h", "model", "*", "*", T, 3_600_000))).isNull();
        assertThat(r.deltas().get(new Repricing.Cell("rollup_1h", "model", "*", "m", "*", T, T + 3_600_000))).isCloseTo(7.0, within(1e-12));
        // 2 tables x 5 groups, the minute table twice (two minutes)
        assertThat(r.deltas()).hasSize(15);
    }

    @Test
    void aSecondRunOverTheRepricedEventsChangesNothing() {
        PriceBook book = new PriceBook(List.of(OLD, NEW));
        Repricing first = new Repricing(book, List.of(Granularity.MINUTE));
        first.add(row("e1", T, 100, OLD.id(), 1.0, "SPAN"));
        Repricing.Change c = first.changes().get(0);
        Repricing second = new Repricing(book, List.of(Granularity.MINUTE));
        second.add(row("e1", T, 100, c.version(), c.cost(), "SPAN"));
        assertThat(second.changes()).isEmpty();
        assertThat(second.deltas()).isEmpty();
    }

    @Test
    void eventsBeforeTheNewVersionKeepTheirPrice() {
        Repricing r = new Repricing(new PriceBook(List.of(OLD, NEW)), List.of(Granularity.MINUTE));
        r.add(row("jan", FEB.toEpochMilli() - 1, 0, OLD.id(), 1.0, "SPAN"));
        assertThat(r.changes()).isEmpty();
    }

    private static Repricing.Cell cell(String table, String grp, String agent, String op, long start, long size) {
        String model = grp.equals("series") ? "m" : "*";
        return new Repricing.Cell(table, grp, agent, model, grp.equals("series") ? op : "*", start, start + size);
    }
}
