package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The host reader contract on real PostgreSQL (embedded), tables by the processor's migrations (V47). */
class PgHostReaderIT extends HostReaderContract {
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_host_reader_it");
        try (Connection c = db.dataSource().getConnection()) {
            for (Map.Entry<io.agentpulse.contract.Granularity, HostAgg> e : ROWS) {
                HostAgg r = e.getValue();
                String sql = "INSERT INTO host_" + e.getKey().table() + " (host, agent_id, window_start, window_end, samples,"
                        + " cpu_samples, cpu_sum, cpu_max, mem_samples, mem_sum, mem_max, last_time, last_cpu, last_mem)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Object[] v = {r.host(), r.agentId(), new Timestamp(r.bucket()), new Timestamp(r.bucket() + e.getKey().millis()),
                        r.samples(), r.cpuSamples(), r.cpuSum(), r.cpuMax(), r.memSamples(), r.memSum(), r.memMax(),
                        new Timestamp(r.lastTime()), r.lastCpu(), r.lastMem()};
                    for (int i = 0; i < v.length; i++) {
                        ps.setObject(i + 1, v[i]);
                    }
                    ps.executeUpdate();
                }
            }
        }
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected HostReader reader() {
        return new PgHostReader(pool);
    }
}
