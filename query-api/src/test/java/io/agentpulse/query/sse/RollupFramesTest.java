package io.agentpulse.query.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.WindowRollup;
import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Proxy;
import java.util.Set;
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

    /**
     * Through the coalescing itself: a client whose write queue is full keeps one pending frame per key.
     * The two hostile series are two pending frames; a newer snapshot of one of them replaces only it.
     */
    @Test
    void aLaggingClientKeepsBothHostileSeries() {
        SseClient client = new SseClient(fullQueue(), Set.of("series"), Set.of(), 10);
        assertThat(client.send(RollupFrames.frame(1, series("a|b", "c")))).isEqualTo(SseClient.Sent.QUEUED);
        assertThat(client.send(RollupFrames.frame(2, series("a", "b|c")))).as("another series, not a newer snapshot")
                .isEqualTo(SseClient.Sent.QUEUED);
        assertThat(client.send(RollupFrames.frame(3, series("a|b", "c")))).isEqualTo(SseClient.Sent.COALESCED);
        assertThat(client.send(RollupFrames.frame(4, series("a", "b|c")))).isEqualTo(SseClient.Sent.COALESCED);
    }

    /** A response whose write queue is always full: every frame waits in the client's pending map. */
    private static HttpServerResponse fullQueue() {
        return (HttpServerResponse) Proxy.newProxyInstance(RollupFramesTest.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "writeQueueFull" -> true;
                    case "closed", "ended" -> false;
                    case "drainHandler", "closeHandler", "exceptionHandler", "endHandler" -> proxy;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
