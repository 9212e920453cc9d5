package io.agentpulse.query.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/v1/stream with a real HTTP client, fed by the in-memory feed. */
class SseStreamTest {
    private Vertx vertx;
    private QueryApiServer server;
    private PrometheusMeterRegistry meters;
    private final InMemoryRollupFeed feed = new InMemoryRollupFeed();
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of(
                "AGENTPULSE_SSE_HEARTBEAT_MS", "50", "AGENTPULSE_SSE_REPLAY_SIZE", "100", "AGENTPULSE_SSE_MAX_CLIENTS", "3")));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupReader(), feed, meters, Clock.systemUTC()).await();
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close().await();
        vertx.close().await();
    }

    private double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private void publishAndWait(List<io.agentpulse.avro.WindowRollup> rollups) {
        double before = counter("agentpulse_sse_frames_total");
        rollups.forEach(feed::publish);
        await().until(() -> counter("agentpulse_sse_frames_total") >= before + rollups.size());
    }

    private void awaitClients(int n) {
        await().until(() -> meters.find("agentpulse_sse_clients").gauge().value() == n);
    }

    @Test
    void framesCarryIdsAndFollowTheGrpFilter() throws Exception {
        try (SseClientStream c = new SseClientStream(port, "", null).read()) {
            awaitClients(1);
            assertThat(c.response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            publishAndWait(List.of(TestRollups.rollup("all", "*", 60_000, 5), TestRollups.rollup("agent", "a1", 60_000, 2),
                    TestRollups.rollup("model", "*", 60_000, 7)));
            await().until(() -> c.data().size() == 2);
            assertThat(c.lines).contains("event: rollup");
            List<Long> ids = c.ids();
            assertThat(ids).hasSize(2);
            assertThat(ids.get(1)).isGreaterThan(ids.get(0));
            JsonObject first = new JsonObject(c.data().get(0));
            assertThat(first.getString("grp")).isEqualTo("all");
            assertThat(first.getLong("count")).isEqualTo(5);
            assertThat(first.getLong("window_start")).isEqualTo(60_000);
            assertThat(first.getDouble("p50_ms")).isBetween(49.0 * 0.99, 51.0 * 1.01);
            assertThat(first.fieldNames()).contains("granularity", "agent_id", "model", "operation", "is_final",
                    "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd", "p95_ms", "p99_ms");
        }
        try (SseClientStream agents = new SseClientStream(port, "?grp=agent", null).read()) {
            awaitClients(1);
            publishAndWait(List.of(TestRollups.rollup("all", "*", 60_000, 6), TestRollups.rollup("agent", "a2", 60_000, 3)));
            await().until(() -> agents.data().size() == 1);
            assertThat(new JsonObject(agents.data().get(0)).getString("agent_id")).isEqualTo("a2");
        }
    }

    @Test
    void aSliceWhoseValueHoldsACommaIsOneGroupInItsOwnGrpParameter() throws Exception {
        String slice = io.agentpulse.contract.Dimensions.slice("all", "team", "a,b");
        String query = "?grp=agent&grp=" + java.net.URLEncoder.encode(slice, java.nio.charset.StandardCharsets.UTF_8);
        try (SseClientStream c = new SseClientStream(port, query, null).read()) {
            awaitClients(1);
            publishAndWait(List.of(TestRollups.rollup("all", "*", 60_000, 9), TestRollups.rollup(slice, "*", 60_000, 4),
                    TestRollups.rollup("all@team=a", "*", 60_000, 1), TestRollups.rollup("agent", "a1", 60_000, 2)));
            await().until(() -> c.data().size() == 2);
            assertThat(c.data()).extracting(d -> new JsonObject(d).getString("grp")).containsExactly(slice, "agent");
        }
    }

    @Test
    void heartbeatsArrive() throws Exception {
        try (SseClientStream c = new SseClientStream(port, "", null).read()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> c.lines.stream().filter(": hb"::equals).count() >= 2);
        }
    }

    @Test
    void lastEventIdReplaysMissedFrames() throws Exception {
        long lastSeen;
        try (SseClientStream c = new SseClientStream(port, "", null).read()) {
            awaitClients(1);
            publishAndWait(List.of(TestRollups.rollup("all", "*", 0, 1), TestRollups.rollup("all", "*", 0, 2)));
            await().until(() -> c.ids().size() == 2);
            lastSeen = c.ids().get(1);
        }
        awaitClients(0);
        publishAndWait(List.of(TestRollups.rollup("all", "*", 0, 3), TestRollups.rollup("agent", "a1", 0, 1),
                TestRollups.rollup("all", "*", 60_000, 1), TestRollups.rollup("model", "*", 60_000, 4)));
        try (SseClientStream again = new SseClientStream(port, "", Long.toString(lastSeen)).read()) {
            await().until(() -> again.data().size() == 3);
            assertThat(again.ids()).allMatch(id -> id > lastSeen).isSorted();
            assertThat(again.data()).extracting(d -> new JsonObject(d).getLong("count")).containsExactly(3L, 1L, 4L);
        }
    }

    @Test
    void clientsBeyondTheCapAreRefused() throws Exception {
        try (SseClientStream a = new SseClientStream(port, "", null).read();
             SseClientStream b = new SseClientStream(port, "", null).read();
             SseClientStream c = new SseClientStream(port, "", null).read()) {
            awaitClients(3);
            var refused = TestHttp.get(port, "/api/v1/stream");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("reason")).isEqualTo("too-many-clients");
        }
    }

    @Test
    void aSlowClientGetsTheLatestSnapshotPerKey() throws Exception {
        int keys = 50;
        try (SseClientStream slow = new SseClientStream(port, "", null)) {
            awaitClients(1);
            int published = 0;
            long round = 0;
            while (counter("agentpulse_sse_coalesced_total") == 0 && round < 100_000) {
                List<io.agentpulse.avro.WindowRollup> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++, round++) {
                    for (int k = 0; k < keys; k++) {
                        batch.add(TestRollups.rollup("all", "*", k * 60_000L, round * 1_000 + k));
                    }
                }
                publishAndWait(batch);
                published += batch.size();
            }
            assertThat(counter("agentpulse_sse_coalesced_total")).isPositive();
            List<io.agentpulse.avro.WindowRollup> last = new java.util.ArrayList<>();
            for (int k = 0; k < keys; k++) {
                last.add(TestRollups.rollup("all", "*", k * 60_000L, 9_999_999_000L + k));
            }
            publishAndWait(last);
            published += keys;
            slow.read();
            await().atMost(Duration.ofSeconds(60)).until(() -> latestPerKey(slow.data()).size() == keys
                    && latestPerKey(slow.data()).values().stream().allMatch(c -> c >= 9_999_999_000L));
            assertThat(slow.data().size()).isLessThan(published);
            assertThat(slow.ids()).isSorted();
        }
    }

    private static Map<Long, Long> latestPerKey(List<String> data) {
        Map<Long, Long> m = new HashMap<>();
        for (String d : data) {
            JsonObject j = new JsonObject(d);
            m.put(j.getLong("window_start"), j.getLong("count"));
        }
        return m;
    }
}
