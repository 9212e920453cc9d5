package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Agent ids and models are agent-sent and may hold the key separator: agent "a|b" with model "c" and
 * agent "a" with model "b|c" are two series, in the in-memory reader as in the processor (one key
 * builder, schemas' RollupKey). Before it, this reader keyed them unescaped and kept only the last.
 */
class HostileKeysTest {

    private static RollupRow row(String agent, String model, long count) {
        return new RollupRow(Granularity.MINUTE, "series", agent, model, "chat", 0, count, 0, 0, 0, 0, 0,
                SketchCodec.encode(SketchCodec.newSketch()));
    }

    @Test
    void twoSeriesThatJoinToOneStringStayTwoRows() throws Exception {
        InMemoryRollupReader reader = new InMemoryRollupReader().put(row("a|b", "c", 3)).put(row("a", "b|c", 4));
        assertThat(row("a|b", "c", 0).key()).isNotEqualTo(row("a", "b|c", 0).key());
        Segment minute = new Segment(Granularity.MINUTE, 0, 60_000);
        Totals first = reader.totals(new RollupQuery("series", new Filters("a|b", null, null), minute), false)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Totals both = reader.totals(new RollupQuery("series", new Filters(null, null, null), minute), false)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(first.count()).isEqualTo(3);
        assertThat(both.count()).isEqualTo(7);
    }
}
