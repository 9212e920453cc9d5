package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.HostAgg;
import io.agentpulse.query.store.InMemoryEventReader;
import io.agentpulse.query.store.InMemoryHostReader;
import io.agentpulse.query.store.InMemoryLayoutStore;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/hosts and /api/v1/hosts/timeseries over in-memory host rollups: the planner's tables for a
 * long range, status, columnar series, CSV = JSON, 400 naming the field, hostile host names kept as data.
 */
class HostsRoutesTest {
    static final long DAY0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    static final long D3 = DAY0 + 3 * 86_400_000L;
    static final long NOW = D3 + 30 * 60_000L; // the query API's clock
    static final long HOUR = 3_600_000L;
    static final String EVIL = "=cmd|'/c calc'!A1 <img src=x onerror=alert(1)>";
    static Vertx vertx;
    static QueryApiServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        InMemoryHostReader hosts = new InMemoryHostReader();
        // as the host job leaves them: day rows for three whole days, hour rows of the third, and the
        // current (fourth) day's minute, with its 5-minute, hour and day windows
        long d2 = DAY0 + 2 * 86_400_000L;
        hosts.add(Granularity.DAY, agg("web-1", "a1", DAY0, 100, 0.5, 200L, DAY0 + 86_000_000L, 0.3));
        hosts.add(Granularity.DAY, agg("web-1", "a1", DAY0 + 86_400_000L, 100, 0.7, 300L, DAY0 + 172_000_000L, 0.2));
        hosts.add(Granularity.DAY, agg("old-1", "a4", DAY0, 5, 0.1, 10L, DAY0 + 1000, 0.1));
        for (long h = 0; h < 24; h++) {
            hosts.add(Granularity.HOUR, agg("web-1", "a2", d2 + h * HOUR, 10, 0.2 + h / 100.0, 100L, d2 + h * HOUR + 1000, 0.25));
            hosts.add(Granularity.HOUR, agg(EVIL, "a3", d2 + h * HOUR, 10, 0.95, 900L, d2 + h * HOUR + 2000, 0.95));
        }
        hosts.add(Granularity.DAY, agg("web-1", "a2", d2, 240, 0.43, 100L, d2 + 23 * HOUR + 1000, 0.25));
        hosts.add(Granularity.DAY, agg(EVIL, "a3", d2, 240, 0.95, 900L, d2 + 23 * HOUR + 2000, 0.95));
        for (Granularity g : new Granularity[] {Granularity.MINUTE, Granularity.FIVE_MINUTES, Granularity.HOUR, Granularity.DAY}) {
            long w = Math.floorDiv(NOW - 60_000, g.millis()) * g.millis();
            hosts.add(g, agg("web-1", "a2", w, 1, 0.4, 150L, NOW - 30_000, 0.4));
            hosts.add(g, agg(EVIL, "a3", w, 1, 0.97, 950L, NOW - 50_000, 0.97));
        }
        vertx = Vertx.vertx();
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of()));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupReader(),
                new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore(), hosts), new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).await();
        port = server.port();
    }

    /** A row with every sample at {@code cpuMax} / {@code mem} (so the mean equals the max). */
    static HostAgg agg(String host, String agent, long start, long n, double cpuMax, Long mem, long last, double lastCpu) {
        return new HostAgg(host, agent, start, n, n, cpuMax * n, cpuMax, n, (double) mem * n, mem, last, lastCpu, mem);
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    @Test
    void theFleetCoversTheWholeRangeFromCoarseAndFineTables() throws Exception {
        JsonObject body = TestHttp.json(port, "/api/v1/hosts?from=" + DAY0 + "&to=" + NOW);
        JsonArray hosts = body.getJsonArray("hosts");
        assertThat(hosts).hasSize(3);
        JsonObject web = byHost(hosts, "web-1");
        assertThat(web.getLong("samples")).isEqualTo(100 + 100 + 240 + 1);
        assertThat(web.getDouble("cpu_max")).isEqualTo(0.7);
        assertThat(web.getJsonArray("agents")).containsExactly("a1", "a2");
        assertThat(web.getLong("last_seen")).isEqualTo(NOW - 30_000);
        assertThat(web.getDouble("cpu")).isEqualTo(0.4);
        assertThat(web.getLong("memory_max_bytes")).isEqualTo(300L);
        assertThat(web.getString("status")).isEqualTo("ok");
        assertThat(byHost(hosts, EVIL).getString("status")).isEqualTo("hot");
        assertThat(byHost(hosts, "old-1").getString("status")).isEqualTo("silent");
        // the first day only: one day row each
        JsonArray day1 = TestHttp.json(port, "/api/v1/hosts?from=" + DAY0 + "&to=" + (DAY0 + 86_400_000L)).getJsonArray("hosts");
        assertThat(day1).hasSize(2);
        assertThat(byHost(day1, "web-1").getLong("samples")).isEqualTo(100);
    }

    @Test
    void theSeriesIsColumnarPerHostAndCsvEqualsIt() throws Exception {
        String q = "/api/v1/hosts/timeseries?from=" + (DAY0 + 2 * 86_400_000L) + "&to=" + NOW + "&step=1h";
        JsonObject body = TestHttp.json(port, q);
        assertThat(body.getString("granularity")).isEqualTo("1h");
        JsonArray t = body.getJsonArray("t");
        assertThat(t).hasSize(25); // the third day's hours and the current one
        JsonArray series = body.getJsonArray("series");
        assertThat(series).extracting(s -> ((JsonObject) s).getString("key")).startsWith(EVIL + "/cpu_avg", EVIL + "/cpu_max");
        JsonObject webCpu = series.stream().map(JsonObject.class::cast).filter(s -> s.getString("key").equals("web-1/cpu_max"))
                .findFirst().orElseThrow();
        assertThat(webCpu.getJsonArray("values").getDouble(23)).isCloseTo(0.43, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(webCpu.getJsonArray("values").getDouble(24)).isEqualTo(0.4);
        String csv = TestHttp.get(port, q + "&format=csv").body();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(26);
        assertThat(lines[0]).startsWith("t,\"'=cmd|'/c calc'!A1 <img src=x onerror=alert(1)>/cpu_avg\"");
        assertThat(TestHttp.json(port, q + "&host=web-1").getJsonArray("series")).hasSize(4);
        assertThat(TestHttp.json(port, q + "&agent=a3").getInteger("hosts_total")).isEqualTo(1);
        assertThat(TestHttp.json(port, q + "&limit=1").getJsonArray("series")).hasSize(4);
    }

    @Test
    void comparedWithThePreviousPeriodEveryHostAndSeriesCarriesItsChange() throws Exception {
        long d1 = DAY0 + 86_400_000L;
        // the second day against the first: web-1's peak 0.7 against 0.5; old-1 only reported on the first
        JsonArray hosts = TestHttp.json(port, "/api/v1/hosts?from=" + d1 + "&to=" + (d1 + 86_400_000L) + "&compare=previous")
                .getJsonArray("hosts");
        JsonObject web = byHost(hosts, "web-1");
        assertThat(web.getDouble("previous_cpu_max")).isEqualTo(0.5);
        assertThat(web.getDouble("delta_cpu_max")).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(web.getLong("previous_samples")).isEqualTo(100);
        String q = "/api/v1/hosts/timeseries?from=" + d1 + "&to=" + (d1 + 86_400_000L) + "&step=1d&compare=previous";
        JsonObject webCpu = TestHttp.json(port, q).getJsonArray("series").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("key").equals("web-1/cpu_max")).findFirst().orElseThrow();
        assertThat(webCpu.getJsonArray("previous").getDouble(0)).isEqualTo(0.5);
        assertThat(TestHttp.get(port, "/api/v1/hosts?compare=sometimes").statusCode()).isEqualTo(400);
    }

    @Test
    void badParametersAreRefusedNamingTheField() throws Exception {
        for (String[] c : new String[][] {{"from=soon", "from"}, {"step=7s", "step"}, {"limit=0", "limit"},
                {"host=" + "x".repeat(300), "host"}, {"from=" + NOW + "&to=" + DAY0, "from"}}) {
            HttpResponse<String> r = TestHttp.get(port, "/api/v1/hosts/timeseries?" + c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(c[1]);
        }
        assertThat(TestHttp.get(port, "/api/v1/hosts?to=never").statusCode()).isEqualTo(400);
    }

    private static JsonObject byHost(JsonArray hosts, String host) {
        return hosts.stream().map(JsonObject.class::cast).filter(h -> h.getString("host").equals(host)).findFirst().orElseThrow();
    }
}
