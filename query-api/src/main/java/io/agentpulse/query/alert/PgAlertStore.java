package io.agentpulse.query.alert;

import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alert rules, alerts, acknowledgements, silences and the notification log in PostgreSQL
 * (tables of stream-processor's V2__alerts.sql), through vertx-pg-client.
 */
final class PgAlertStore implements AlertStore {
    private static final String ALERT_COLS = """
            h.fingerprint, h.starts_at, h.rule_id, h.rule_name, h.state, h.severity, h.labels, h.value, h.threshold,
            h.summary, h.ends_at, h.updated_at, a.acked_by, a.acked_at, a.comment AS ack_comment""";

    private final Pool pool;
    private final Planner planner;

    /** Reads only the 1m rollups for SLO totals (no coarser table is known to be filled). */
    PgAlertStore(Pool pool) {
        this(pool, new Planner(Set.of()));
    }

    /** @param planner the query API's planner: SLO totals read the coarsest filled table per segment */
    PgAlertStore(Pool pool, Planner planner) {
        this.pool = pool;
        this.planner = planner;
    }

    @Override
    public Future<JsonArray> rules() {
        return pool.query("SELECT id, body, updated_at, updated_by FROM alert_rules ORDER BY id").execute().map(PgAlertStore::rows);
    }

    @Override
    public Future<Optional<JsonObject>> rule(String id) {
        return pool.preparedQuery("SELECT id, body, updated_at, updated_by FROM alert_rules WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> first(rs));
    }

    /** Inserts or replaces; true when the rule is new. */
    @Override
    public Future<Boolean> putRule(String id, JsonObject body, String by, boolean mustBeNew) {
        // the body as a JsonObject: a String parameter would be stored as one jsonb *string*, which
        // body->'channels' (the notifier's routing) and the processor's rule sync cannot read
        String sql = "INSERT INTO alert_rules(id, body, updated_by) VALUES ($1, $2, $3) ON CONFLICT (id) "
                + (mustBeNew ? "DO NOTHING" : "DO UPDATE SET body = EXCLUDED.body, updated_at = now(), updated_by = EXCLUDED.updated_by")
                + " RETURNING (xmax = 0) AS inserted";
        return pool.preparedQuery(sql).execute(Tuple.of(id, body, by))
                .map(rs -> rs.size() > 0 && rs.iterator().next().getBoolean("inserted"));
    }

    @Override
    public Future<Boolean> deleteRule(String id) {
        return pool.preparedQuery("DELETE FROM alert_rules WHERE id = $1").execute(Tuple.of(id)).map(rs -> rs.rowCount() > 0);
    }

    @Override
    public Future<JsonObject> active() {
        Future<JsonArray> firing = pool.query("SELECT " + ALERT_COLS + " FROM alert_history h LEFT JOIN alert_acks a"
                + " USING (fingerprint, starts_at) WHERE h.ends_at IS NULL ORDER BY h.starts_at DESC").execute().map(PgAlertStore::rows);
        Future<JsonArray> pending = pool.query("SELECT * FROM alert_pending ORDER BY since DESC").execute().map(PgAlertStore::rows);
        return Future.all(firing, pending).map(v -> new JsonObject().put("firing", firing.result()).put("pending", pending.result()));
    }

    @Override
    public Future<JsonArray> history(int limit) {
        return pool.preparedQuery("SELECT " + ALERT_COLS + " FROM alert_history h LEFT JOIN alert_acks a"
                + " USING (fingerprint, starts_at) ORDER BY h.starts_at DESC LIMIT $1").execute(Tuple.of(limit)).map(PgAlertStore::rows);
    }

    /** Acknowledges the latest open firing of the fingerprint; empty when none is open. */
    @Override
    public Future<Optional<JsonObject>> ack(String fingerprint, String by, String comment, Instant at) {
        return pool.preparedQuery("""
                INSERT INTO alert_acks(fingerprint, starts_at, acked_by, acked_at, comment)
                SELECT fingerprint, starts_at, $2, $3, $4 FROM alert_history
                 WHERE fingerprint = $1 AND ends_at IS NULL ORDER BY starts_at DESC LIMIT 1
                ON CONFLICT (fingerprint, starts_at) DO UPDATE SET acked_by = EXCLUDED.acked_by,
                    acked_at = EXCLUDED.acked_at, comment = EXCLUDED.comment
                RETURNING fingerprint, starts_at, acked_by, acked_at, comment""")
                .execute(Tuple.of(fingerprint, by, odt(at), comment)).map(PgAlertStore::first);
    }

    @Override
    public Future<Boolean> unack(String fingerprint) {
        return pool.preparedQuery("""
                DELETE FROM alert_acks WHERE fingerprint = $1
                   AND starts_at = (SELECT max(starts_at) FROM alert_history WHERE fingerprint = $1)""")
                .execute(Tuple.of(fingerprint)).map(rs -> rs.rowCount() > 0);
    }

    @Override
    public Future<JsonArray> silences(boolean all, Instant now) {
        return pool.preparedQuery("SELECT * FROM alert_silences WHERE $1 OR ends_at > $2 ORDER BY id DESC LIMIT 500")
                .execute(Tuple.of(all, odt(now))).map(PgAlertStore::rows);
    }

    @Override
    public Future<JsonObject> createSilence(JsonObject matchers, Instant startsAt, Instant endsAt, String reason, String by) {
        return pool.preparedQuery("""
                INSERT INTO alert_silences(matchers, starts_at, ends_at, reason, created_by) VALUES ($1, $2, $3, $4, $5)
                RETURNING *""").execute(Tuple.of(matchers, odt(startsAt), odt(endsAt), reason, by))
                .map(rs -> first(rs).orElseThrow());
    }

    @Override
    public Future<Optional<JsonObject>> expireSilence(long id, Instant now) {
        return pool.preparedQuery("UPDATE alert_silences SET ends_at = $2 WHERE id = $1 AND ends_at > $2 RETURNING *")
                .execute(Tuple.of(id, odt(now))).map(PgAlertStore::first);
    }

    @Override
    public Future<JsonArray> notifications(int limit) {
        return pool.preparedQuery("SELECT * FROM notification_log ORDER BY id DESC LIMIT $1").execute(Tuple.of(limit)).map(PgAlertStore::rows);
    }

    /**
     * Sums of calls and errors per series of one group over windows starting in [from, to) (the
     * SLO's window). The range is split by the planner (day rows for whole days, hour rows for
     * whole hours, minute rows for the rest: a coarse window is the union of the minute windows
     * starting in it, so every call is counted once) and read in one statement: 30 days of the
     * agent group are ~29k day rows and a few thousand hour and minute rows, not 43M minute rows.
     */
    @Override
    public Future<JsonArray> sloTotals(String grp, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT agent_id, model, operation, sum(count)::bigint AS count,"
                + " sum(errors)::bigint AS errors FROM (");
        Tuple args = Tuple.of(grp);
        List<Segment> segments = planner.cover(from.toEpochMilli(), to.toEpochMilli());
        if (segments.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        for (Segment s : segments) {
            args.addOffsetDateTime(odt(Instant.ofEpochMilli(s.fromMs()))).addOffsetDateTime(odt(Instant.ofEpochMilli(s.toMs())));
            sql.append(s == segments.get(0) ? "" : " UNION ALL ")
                    .append("SELECT agent_id, model, operation, count, errors FROM ").append(s.granularity().table())
                    .append(" WHERE grp = $1 AND window_start >= $").append(args.size() - 1)
                    .append(" AND window_start < $").append(args.size());
        }
        sql.append(") r GROUP BY agent_id, model, operation");
        return pool.preparedQuery(sql.toString()).execute(args).map(PgAlertStore::rows);
    }

    static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static JsonArray rows(RowSet<Row> rs) {
        JsonArray out = new JsonArray();
        rs.forEach(r -> out.add(json(r)));
        return out;
    }

    private static Optional<JsonObject> first(RowSet<Row> rs) {
        return rs.size() == 0 ? Optional.empty() : Optional.of(json(rs.iterator().next()));
    }

    /** A row as JSON; timestamps as epoch ms (what the UI and the summary API use). */
    static JsonObject json(Row r) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < r.size(); i++) {
            Object v = r.getValue(i);
            if (v instanceof OffsetDateTime t) {
                v = t.toInstant().toEpochMilli();
            } else if (v instanceof java.time.LocalDateTime t) {
                v = t.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            o.put(r.getColumnName(i), v);
        }
        return o;
    }
}
