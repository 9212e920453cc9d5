package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link ReadChunks} cuts a read: bounded chunks, a big read with sketches in two lanes, edges kept. */
class ReadChunksTest {
    static final long MIN5 = 300_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    static final long T0 = 1_764_000_000_000L; // a whole day in epoch ms

    static List<long[]> cut(Granularity g, long from, long to, long step, List<String> keys, boolean sketch) {
        return ReadChunks.of(new RollupQuery("agent", Filters.NONE, new Segment(g, from, to)), step, Dimension.AGENT,
                keys, sketch).stream().map(q -> new long[] {q.segment().fromMs(), q.segment().toMs()}).toList();
    }

    @Test
    void anHourOfTheAgentsListIsReadInTwoHalvesOneLaneEach() {
        // 12 five-minute windows x ~1000 agents = 12k sketches: two chunks of 6 windows.
        assertThat(cut(Granularity.FIVE_MINUTES, T0, T0 + HOUR, Long.MAX_VALUE / 4, null, true))
                .containsExactly(new long[] {T0, T0 + 6 * MIN5}, new long[] {T0 + 6 * MIN5, T0 + HOUR});
    }

    @Test
    void sumsAndSmallReadsStayOneChunk() {
        assertThat(cut(Granularity.FIVE_MINUTES, T0, T0 + HOUR, Long.MAX_VALUE / 4, null, false)).hasSize(1);
        // Three keys of 12 windows: 36 sketches, nothing to share between lanes.
        assertThat(cut(Granularity.FIVE_MINUTES, T0, T0 + HOUR, Long.MAX_VALUE / 4, List.of("a", "b", "c"), true)).hasSize(1);
    }

    @Test
    void aYearOfDayRowsOfTheFleetStaysBoundedToTwentyWindowsAChunkAndCoversTheRangeOnce() {
        List<long[]> parts = cut(Granularity.DAY, T0, T0 + 365 * DAY, Long.MAX_VALUE / 4, null, true);
        assertThat(parts).hasSize(19); // ceil(365 / 20)
        assertThat(parts.get(0)[0]).isEqualTo(T0);
        assertThat(parts.get(parts.size() - 1)[1]).isEqualTo(T0 + 365 * DAY);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)[1] - parts.get(i)[0]).isLessThanOrEqualTo(20 * DAY);
            if (i > 0) {
                assertThat(parts.get(i)[0]).isEqualTo(parts.get(i - 1)[1]);
            }
        }
    }

    @Test
    void chunkEdgesFallOnBucketEdgesWhenBucketsAreShorter() {
        // Hourly buckets of a day of 5m windows with sketches, two halves: the cut is on an hour.
        List<long[]> parts = cut(Granularity.FIVE_MINUTES, T0, T0 + DAY, HOUR, null, true);
        assertThat(parts).allSatisfy(p -> assertThat(Math.floorMod(p[0] - T0, HOUR)).isZero());
        assertThat(parts.get(parts.size() - 1)[1]).isEqualTo(T0 + DAY);
    }
}
