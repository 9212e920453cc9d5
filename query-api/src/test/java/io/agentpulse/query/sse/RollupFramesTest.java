package io.agentpulse.query.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.WindowRollup;
import org.junit.jupiter.api.Test;

/** SSE coalesces frames by window key: two hostile series that join to one string stay two windows. */
class RollupFramesTest {

    private static WindowRollup series(String agent, String model) {
        WindowRollup r = TestRollups.rollup("series", agent, 60_000, 1);
        r.setModel(model);
        return r;
    }

    @Test
    void agentAPipeBWithModelCIsNotAgentAWithModelBPipeC() {
        assertThat(RollupFrames.key(series("a|b", "c"))).isNotEqualTo(RollupFrames.key(series("a", "b|c")));
        assertThat(RollupFrames.key(series("a%7Cb", "c"))).as("an id that looks escaped is escaped again")
                .isNotEqualTo(RollupFrames.key(series("a|b", "c")));
    }
}
