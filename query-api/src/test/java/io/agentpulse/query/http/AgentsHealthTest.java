package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.EventRow;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An active agent's status in the agents list is the health of its own row: here the error thresholds are
 * out of reach, so the row's p95 alone decides (yellow from 1 ms, red from 700 ms; a3's latencies spread
 * wider, so its p95 is about 1 s and the others' about 0.4 s).
 */
class AgentsHealthTest {
    static final TestFleet FLEET = new TestFleet(60, 6, 13);
    static final long END = TestFleet.T0 + 60 * 60_000L;
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        InMemoryRollupReader reader = new InMemoryRollupReader();
        FLEET.rows().forEach(reader::put);
        InMemoryEventReader events = new InMemoryEventReader();
        for (String agent : List.of("a1", "a2", "a3")) { // seen a minute before the end: active
            events.add(new EventRow("seen-" + agent, END - 60_000L, agent, "SPAN", null, "m1", null, "chat", 10.0, null,
                    1L, 2L, 0L, 0L, 0.01, "OK", null, null, null, null, null, null, null, null, Map.of()));
        }
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_HEALTH_ERROR_YELLOW", "1",
                "AGENTPULSE_HEALTH_ERROR_RED", "1", "AGENTPULSE_HEALTH_P95_YELLOW_MS", "1",
                "AGENTPULSE_HEALTH_P95_RED_MS", "700")));
        server = QueryApiServer.start(vertx, cfg, reader, new DashboardStores(events, new InMemoryLayoutStore()),
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.fixed(Instant.ofEpochMilli(END), ZoneOffset.UTC)).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void anActiveAgentsStatusIsTheHealthOfItsRowsP95() throws Exception {
        JsonObject list = TestHttp.json(port, "/api/v1/agents?from=" + TestFleet.T0 + "&to=" + END);
        List<JsonObject> rows = list.getJsonArray("agents").stream().map(r -> (JsonObject) r).toList();
        for (JsonObject row : rows) {
            double p95 = row.getDouble("p95_ms");
            String expected = !List.of("a1", "a2", "a3").contains(row.getString("agent_id")) ? "silent"
                    : p95 >= 700 ? "red" : "yellow";
            assertThat(row.getString("status")).as(row.encode()).isEqualTo(expected);
        }
        assertThat(rows).extracting(r -> r.getString("status")).contains("red", "yellow");
    }
}
