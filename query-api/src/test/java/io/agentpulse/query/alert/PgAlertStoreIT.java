package io.agentpulse.query.alert;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.RollupRow;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The alert store contract on real PostgreSQL (embedded), tables by the processor's migrations. */
class PgAlertStoreIT extends AlertStoreContract {
    /** Columns that hold timestamptz; the rows give them as epoch ms. */
    private static final Set<String> TIMES = Set.of("starts_at", "ends_at", "updated_at", "since", "at");
    private static PgDatabase db;
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void open() {
        db = PgFixture.database("query_alert_store_it");
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected AlertStore store() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE alert_rules, alert_history, alert_pending, alert_acks, alert_silences, notification_log,"
                    + " rollup_1m RESTART IDENTITY");
        }
        return new PgAlertStore(pool);
    }

    @Override
    protected void history(List<JsonObject> rows) throws Exception {
        insert("alert_history", rows);
    }

    @Override
    protected void pending(List<JsonObject> rows) throws Exception {
        insert("alert_pending", rows);
    }

    @Override
    protected void notifications(List<JsonObject> rows) throws Exception {
        insert("notification_log", rows);
    }

    @Override
    protected void rollups(List<JsonObject> rows) throws Exception {
        List<RollupRow> out = new ArrayList<>();
        for (JsonObject r : rows) {
            out.add(new RollupRow(Granularity.MINUTE, r.getString("grp"), r.getString("agent_id"), r.getString("model"),
                    r.getString("operation"), r.getLong("window_start"), r.getLong("count"), r.getLong("errors"), 0, 0, 0, 0,
                    SketchCodec.encode(SketchCodec.newSketch())));
        }
        PgFixture.insert(db, out);
    }

    /** One INSERT per row, its keys as columns: JSON objects as jsonb, TIMES as timestamptz. */
    private static void insert(String table, List<JsonObject> rows) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            for (JsonObject r : rows) {
                List<String> cols = new ArrayList<>(r.fieldNames());
                String marks = String.join(", ", cols.stream().map(k -> r.getValue(k) instanceof JsonObject ? "?::jsonb" : "?").toList());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", cols)
                        + ") VALUES (" + marks + ")")) {
                    for (int i = 0; i < cols.size(); i++) {
                        Object v = r.getValue(cols.get(i));
                        ps.setObject(i + 1, v instanceof JsonObject o ? o.encode()
                                : TIMES.contains(cols.get(i)) && v != null ? new Timestamp((Long) v) : v);
                    }
                    ps.executeUpdate();
                }
            }
        }
    }
}
