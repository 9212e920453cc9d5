package io.agentpulse.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report of {@link FirstLoadBench} from the node script's result: a time-out is a miss, never a small number. */
class FirstLoadBenchTest {
    private static JsonObject load(Long ms, Long trendsMs, int requests) {
        return new JsonObject().put("ms", ms).put("trendsMs", trendsMs).put("requests", requests)
                .put("slowest", new JsonObject().put("label", "/api/v1/overview").put("ms", 120).put("open", false))
                .put("failed", new JsonArray());
    }

    @Test
    void loadsWithinASecondMeetTheTarget() {
        JsonArray loads = new JsonArray();
        for (long ms = 400; ms < 1_000; ms += 100) {
            loads.add(load(ms, ms + 50, 7));
        }
        String body = FirstLoadBench.report(new JsonObject().put("1h", loads), Map.of(), "1 / 1 / 1");
        assertThat(body).contains("default view 1h: met (p95 900); every range met")
                .contains("| 1h | 600 / 900 / 900 | met | 650 / 950 / 950 | 7 / 7 | `/api/v1/overview` 120 ms |");
    }

    @Test
    void aTimedOutLoadIsAMissNotASmallNumber() {
        JsonArray fast = new JsonArray().add(load(300L, 350L, 7));
        JsonArray loads = new JsonArray();
        for (int i = 0; i < 19; i++) {
            loads.add(load(300L, 350L, 7));
        }
        loads.add(load(null, null, 3)); // 1 of 20: the p95 (nearest rank 19) stays fast, the max shows it
        loads.add(load(null, null, 3)); // 2 of 21: nearest rank 20 is a time-out
        String body = FirstLoadBench.report(new JsonObject().put("1h", fast).put("1y", loads), Map.of(), "1 / 1 / 1");
        assertThat(body).contains("default view 1h: met (p95 300); MISS for 1y")
                .contains("| 1y | 300 / timed out / timed out | MISS |");
    }
}
