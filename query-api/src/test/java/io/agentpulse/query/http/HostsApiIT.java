package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.processor.hosts.HostRollupConfig;
import io.agentpulse.processor.hosts.HostRollupJob;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.InMemoryEventReader;
import io.agentpulse.query.store.InMemoryLayoutStore;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.PgHostReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host health end to end on real PostgreSQL: raw heartbeats over three days, the processor's host job
 * (its real scheduled start, with a fixed clock) rolls them up, the query API answers over the range
 * from coarse and fine tables alike: every heartbeat counted once, whatever the granularity.
 */
class HostsApiIT {
    static final Instant NOW = Instant.parse("2026-03-05T10:30:00Z");
    static final long BEAT_MS = 600_000; // one heartbeat per host every 10 minutes: 432 per host over 3 days
    static Vertx vertx;
    static Pool pool;
    static QueryApiServer server;
    static HostRollupJob job;
    static long beats;

    @BeforeAll
    static void start() throws Exception {
        PgDatabase db = PgFixture.database("hosts_api_it");
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO agent_events (event_id, event_time, agent_id, kind, status, host_cpu, host_memory_bytes, attributes)"
                        + " VALUES (?, ?, ?, 'HEARTBEAT', 'UNSET', ?, ?, ?::jsonb)")) {
            long from = NOW.minus(Duration.ofDays(3)).toEpochMilli();
            for (long t = from; t < NOW.toEpochMilli(); t += BEAT_MS) {
                for (int a = 0; a < 3; a++) {
                    ps.setString(1, "hb-" + t + "-" + a);
                    ps.setTimestamp(2, new Timestamp(t + a * 1000));
                    ps.setString(3, "agent-" + a);
                    ps.setDouble(4, a == 2 ? 0.95 : 0.1 + (t / BEAT_MS % 10) / 20.0);
                    ps.setLong(5, (a + 1) * 1_000_000_000L);
                    ps.setString(6, a < 2 ? "{\"host.name\":\"node-1\"}" : "{}"); // agent-2 names no host: its own
                    ps.addBatch();
                    beats++;
                }
            }
            ps.executeBatch();
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        job = HostRollupJob.start(db.dataSource(), new HostRollupConfig(Duration.ofSeconds(2), Duration.ofDays(1),
                Duration.ofMinutes(5), Duration.ofDays(7)), null, clock, new SimpleMeterRegistry());
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 4);
        server = QueryApiServer.start(vertx, QueryConfig.fromEnv(TestHttp.env(Map.of())), new InMemoryRollupReader(),
                new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore(), new PgHostReader(pool)),
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock).await();
    }

    @AfterAll
    static void stop() {
        job.close();
        server.close().await();
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void everyHeartbeatIsCountedOnceOverAnyRangeAndStep() throws Exception {
        String range = "from=" + NOW.minus(Duration.ofDays(3)).toEpochMilli() + "&to=" + NOW.toEpochMilli();
        JsonArray hosts = untilRolledUp("/api/v1/hosts?" + range, beats);
        assertThat(hosts).hasSize(2);
        JsonObject node = hosts.stream().map(JsonObject.class::cast).filter(h -> h.getString("host").equals("node-1")).findFirst().orElseThrow();
        assertThat(node.getLong("samples")).isEqualTo(beats * 2 / 3);
        assertThat(node.getJsonArray("agents")).containsExactly("agent-0", "agent-1");
        assertThat(node.getDouble("cpu_max")).isEqualTo(0.55);
        assertThat(node.getLong("memory_max_bytes")).isEqualTo(2_000_000_000L);
        JsonObject own = hosts.stream().map(JsonObject.class::cast).filter(h -> h.getString("host").equals("agent-2")).findFirst().orElseThrow();
        assertThat(own.getLong("samples")).isEqualTo(beats / 3);
        assertThat(own.getString("status")).isEqualTo("silent"); // its newest heartbeat is 10 minutes old
        assertThat(own.getDouble("cpu")).isEqualTo(0.95);
        for (String step : new String[] {"10m", "1h", "1d"}) {
            JsonObject series = TestHttp.json(server.port(), "/api/v1/hosts/timeseries?" + range + "&step=" + step + "&host=node-1");
            JsonArray cpuMax = series.getJsonArray("series").stream().map(JsonObject.class::cast)
                    .filter(s -> s.getString("metric").equals("cpu_max")).findFirst().orElseThrow().getJsonArray("values");
            assertThat(cpuMax.stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).max().orElseThrow())
                    .as(step).isEqualTo(0.55);
        }
    }

    /** The fleet once every heartbeat is in it (a CI run once read a fleet of 6 samples: polled to the total). */
    private static JsonArray untilRolledUp(String path, long total) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        JsonArray hosts;
        do {
            hosts = TestHttp.json(server.port(), path).getJsonArray("hosts");
            if (hosts.stream().mapToLong(h -> ((JsonObject) h).getLong("samples")).sum() >= total) {
                return hosts;
            }
            Thread.sleep(200); // waits for the job's first run on its own thread (not a timing assumption: polled)
        } while (System.currentTimeMillis() < end);
        return hosts;
    }
}
