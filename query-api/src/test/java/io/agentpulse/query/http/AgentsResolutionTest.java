package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.InMemoryEventReader;
import io.agentpulse.query.store.InMemoryLayoutStore;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.TestFleet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents list with every rollup table filled: read at a twelfth of the range (here 5-minute
 * windows for two hours), widened outward, and the answer says so; its per-agent totals add up to
 * the summary of the range it reports, and its percentiles are those of the merged sketches.
 */
class AgentsResolutionTest {
    static final TestFleet FLEET = new TestFleet(120, 6, 11);
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        InMemoryRollupReader reader = new InMemoryRollupReader();
        FLEET.allRows().forEach(reader::put);
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_QUERY_FILLED_TABLES", "1m,5m,1h,1d,1w,4w")));
        server = QueryApiServer.start(vertx, cfg, reader, new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore()),
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.fixed(Instant.ofEpochMilli(TestFleet.T0 + 120 * 60_000L), ZoneOffset.UTC)).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void twoHoursAreReadInWholeFiveMinuteWindowsAndTheAnswerSaysWhichRange() throws Exception {
        long from = TestFleet.T0 + 7 * 60_000L + 1_234;
        long to = TestFleet.T0 + 117 * 60_000L - 20_000;
        JsonObject agents = TestHttp.json(port, "/api/v1/agents?from=" + from + "&to=" + to);
        assertThat(agents.getLong("resolution_ms")).isEqualTo(300_000L);
        assertThat(agents.getLong("requested_from")).isEqualTo(from);
        assertThat(agents.getLong("requested_to")).isEqualTo(to);
        long coveredFrom = agents.getLong("from");
        long coveredTo = agents.getLong("to");
        assertThat(coveredFrom).isEqualTo(TestFleet.T0 + 5 * 60_000L);
        assertThat(coveredTo).isEqualTo(TestFleet.T0 + 120 * 60_000L);
        JsonObject summary = TestHttp.json(port, "/api/v1/summary?from=" + coveredFrom + "&to=" + coveredTo);
        long sum = agents.getJsonArray("agents").stream().mapToLong(r -> ((JsonObject) r).getLong("count")).sum();
        assertThat(sum).isEqualTo(summary.getLong("count")).isPositive();
        JsonObject a1 = agents.getJsonArray("agents").stream().map(r -> (JsonObject) r)
                .filter(r -> r.getString("agent_id").equals("a1")).findFirst().orElseThrow();
        JsonObject alone = TestHttp.json(port, "/api/v1/summary?agent=a1&from=" + coveredFrom + "&to=" + coveredTo);
        assertThat(a1.getLong("count")).isEqualTo(alone.getLong("count"));
        assertThat(a1.getDouble("p95_ms")).isEqualTo(alone.getJsonObject("latency_ms").getDouble("p95"));
    }
}
