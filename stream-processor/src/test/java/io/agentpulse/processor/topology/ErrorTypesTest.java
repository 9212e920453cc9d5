package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.Status;
import io.agentpulse.avro.WindowRollup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed calls are counted by error type in every grouping and granularity, bounded per task. */
class ErrorTypesTest {
    private static final long MIN = 60_000;

    private static Map<String, Long> types(WindowRollup r) {
        Map<String, Long> out = new HashMap<>();
        r.getErrorTypes().forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    @Test
    void errorTypesAreCountedInEveryGroupAndMergedIntoCoarserWindows() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m,1h"))) {
            for (int i = 0; i < 3; i++) {
                h.send(event("rl" + i, 1_000 + i).setAgentId("a1").setStatus(Status.ERROR).setErrorType("RateLimitError").build());
            }
            h.send(event("to", 2_000).setAgentId("a2").setModel("claude-sonnet-4").setStatus(Status.ERROR).setErrorType("Timeout").build());
            h.send(event("untyped", 3_000).setAgentId("a1").setStatus(Status.ERROR).build());
            h.send(event("ok-with-type", 4_000).setAgentId("a1").setErrorType("ignored: the call succeeded").build());
            h.send(event("later", 2 * MIN).setAgentId("a2").setStatus(Status.ERROR).setErrorType("Timeout").build());
            h.tick();
            Map<String, WindowRollup> r = PulseTopologyTest.latest(h.drainRollups());
            assertThat(types(r.get("1m|all|*|*|*|" + T0)))
                    .isEqualTo(Map.of("RateLimitError", 3L, "Timeout", 1L, Aggregate.UNTYPED, 1L));
            assertThat(r.get("1m|all|*|*|*|" + T0).getErrors()).isEqualTo(5);
            assertThat(types(r.get("1m|agent|a1|*|*|" + T0))).isEqualTo(Map.of("RateLimitError", 3L, Aggregate.UNTYPED, 1L));
            assertThat(types(r.get("1m|model|*|claude-sonnet-4|*|" + T0))).isEqualTo(Map.of("Timeout", 1L));
            assertThat(types(r.get("1m|agent|a2|*|*|" + T0))).isEqualTo(Map.of("Timeout", 1L));

            h.quietFor(Duration.ofMinutes(62));
            r = PulseTopologyTest.latest(h.drainRollups());
            Map<String, Long> expected = Map.of("RateLimitError", 3L, "Timeout", 2L, Aggregate.UNTYPED, 1L);
            assertThat(types(r.get("5m|all|*|*|*|" + T0))).as("two closed minutes merged").isEqualTo(expected);
            assertThat(types(r.get("1h|all|*|*|*|" + T0))).isEqualTo(expected);
            assertThat(r.get("1h|all|*|*|*|" + T0).getIsFinal()).isTrue();
            assertThat(types(r.get("1h|agent|a2|*|*|" + T0))).isEqualTo(Map.of("Timeout", 2L));
        }
    }

    @Test
    void typesPastTheBoundFoldIntoOtherAndAreCountedInMetrics() {
        try (Harness h = new Harness()) {
            for (int i = 0; i <= PulseProcessor.MAX_ERROR_TYPES; i++) {
                h.send(event("e" + i, 1_000 + i).setStatus(Status.ERROR).setErrorType("type-" + i).build());
            }
            h.tick();
            Map<String, Long> all = types(PulseTopologyTest.latest(h.drainRollups()).get("1m|all|*|*|*|" + T0));
            assertThat(all).hasSize(PulseProcessor.MAX_ERROR_TYPES + 1).containsEntry(Cardinality.OTHER, 1L)
                    .doesNotContainKey("type-" + PulseProcessor.MAX_ERROR_TYPES);
            assertThat(all.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(PulseProcessor.MAX_ERROR_TYPES + 1);
            assertThat(h.counter("agentpulse.processor.cardinality.folded", "dimension", "error_type")).isEqualTo(1.0);
        }
    }

    @Test
    void anAggregateSavedBeforeErrorTypesExistedStillDecodes() {
        Bin.Out out = new Bin.Out();
        out.varLong(2).varLong(1).varLong(0).varLong(0).varLong(0).varLong(0).varLong(0)
                .bytes(io.agentpulse.contract.sketch.SketchCodec.encode(io.agentpulse.contract.sketch.SketchCodec.newSketch()))
                .varLong(0); // the old ttft flag: no ttft, and nothing after it
        Aggregate a = Aggregate.decodeFrom(new Bin.In(out.toBytes()));
        assertThat(a.count).isEqualTo(2);
        assertThat(a.errorTypes).isNull();
    }
}
