package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host reader against rows of host_rollup_1m and _1h: sums per (host, agent, bucket), filters, last values. */
abstract class HostReaderContract {
    static final long T0 = 1_772_704_800_000L; // 2026-03-05T10:00:00Z
    static final long MIN = 60_000;
    /** Table rows (bucket = window start). */
    static final List<Map.Entry<Granularity, HostAgg>> ROWS = List.of(
            Map.entry(Granularity.MINUTE, new HostAgg("h1", "a1", T0, 2, 2, 0.8, 0.6, 2, 400, 300L, T0 + 40_000, 0.6, 300L)),
            Map.entry(Granularity.MINUTE, new HostAgg("h1", "a1", T0 + MIN, 1, 1, 0.1, 0.1, 1, 50, 50L, T0 + 70_000, 0.1, 50L)),
            Map.entry(Granularity.MINUTE, new HostAgg("h1", "a2", T0, 1, 1, 0.4, 0.4, 1, 200, 200L, T0 + 20_000, 0.4, 200L)),
            Map.entry(Granularity.MINUTE, new HostAgg("a3", "a3", T0 + 5 * MIN, 1, 0, 0, null, 0, 0, null, T0 + 330_000, null, null)),
            Map.entry(Granularity.HOUR, new HostAgg("h1", "a1", T0, 3, 3, 0.9, 0.6, 3, 450, 300L, T0 + 70_000, 0.1, 50L)));

    protected abstract HostReader reader();

    private List<HostAgg> read(Granularity g, long from, long to, String host, String agent, long step) {
        return reader().read(new HostQuery(new Segment(g, from, to), host, agent, step)).toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void sumsPerHostAndAgentOverTheSegment() {
        List<HostAgg> rows = read(Granularity.MINUTE, T0, T0 + 60 * MIN, null, null, 0);
        assertThat(rows).extracting(HostAgg::host, HostAgg::agentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a3", "a3"), org.assertj.core.groups.Tuple.tuple("h1", "a1"),
                org.assertj.core.groups.Tuple.tuple("h1", "a2"));
        HostAgg a1 = rows.get(1);
        assertThat(a1.bucket()).isEqualTo(T0);
        assertThat(a1.samples()).isEqualTo(3);
        assertThat(a1.cpuSum()).isCloseTo(0.9, within(1e-12));
        assertThat(a1.cpuMax()).isEqualTo(0.6);
        assertThat(a1.memSum()).isEqualTo(450.0);
        assertThat(a1.memMax()).isEqualTo(300L);
        assertThat(a1.lastTime()).isEqualTo(T0 + 70_000);
        assertThat(a1.lastCpu()).isEqualTo(0.1);
        assertThat(a1.lastMem()).isEqualTo(50L);
        HostAgg a3 = rows.get(0);
        assertThat(a3.cpuMax()).isNull();
        assertThat(a3.lastCpu()).isNull();
        assertThat(a3.memMax()).isNull();
    }

    @Test
    void bucketsByStepAndFiltersByHostAndAgent() {
        List<HostAgg> rows = read(Granularity.MINUTE, T0, T0 + 10 * MIN, "h1", null, 5 * MIN);
        assertThat(rows).extracting(HostAgg::agentId, HostAgg::bucket, HostAgg::samples).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a1", T0, 3L), org.assertj.core.groups.Tuple.tuple("a2", T0, 1L));
        assertThat(read(Granularity.MINUTE, T0, T0 + 10 * MIN, null, "a3", 5 * MIN)).singleElement()
                .satisfies(r -> assertThat(r.bucket()).isEqualTo(T0 + 5 * MIN));
        assertThat(read(Granularity.MINUTE, T0 + MIN, T0 + 2 * MIN, null, null, 0)).singleElement()
                .satisfies(r -> assertThat(r.samples()).isEqualTo(1));
        assertThat(read(Granularity.HOUR, T0, T0 + 60 * MIN, null, "a1", 0)).singleElement()
                .satisfies(r -> assertThat(r.samples()).isEqualTo(3));
        assertThat(read(Granularity.MINUTE, T0, T0 + 10 * MIN, "nobody", null, 0)).isEmpty();
    }
}
