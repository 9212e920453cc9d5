package io.agentpulse.query.alert;

import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Delivery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * notification_channels (V40: settings and secrets as jsonb) and the channel's rows of notification_log,
 * through vertx-pg-client. Secrets leave this class only inside a {@link Channel}, never as JSON.
 */
final class PgChannelStore {
    private static final String COLS = "id, name, kind, settings::text AS settings, secrets::text AS secrets";
    private final Pool pool;

    PgChannelStore(Pool pool) {
        this.pool = pool;
    }

    Future<List<Channel>> list() {
        return pool.query("SELECT " + COLS + " FROM notification_channels ORDER BY id").execute()
                .map(rs -> { List<Channel> out = new java.util.ArrayList<>(); rs.forEach(r -> out.add(channel(r))); return out; });
    }

    Future<Optional<Channel>> get(String id) {
        return pool.preparedQuery("SELECT " + COLS + " FROM notification_channels WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(channel(rs.iterator().next())));
    }

    /** Inserts a new channel (true) or, when {@code replace}, replaces the stored one (false); empty when neither. */
    Future<Optional<Boolean>> put(Channel c, String by, boolean replace) {
        String sql = "INSERT INTO notification_channels(id, name, kind, settings, secrets, updated_by) VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (id) " + (replace ? "DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, settings = EXCLUDED.settings,"
                + " secrets = EXCLUDED.secrets, updated_at = now(), updated_by = EXCLUDED.updated_by" : "DO NOTHING")
                + " RETURNING (xmax = 0) AS inserted";
        return pool.preparedQuery(sql).execute(Tuple.of(c.id(), c.name(), c.type().wire(), json(c.settings()),
                json(c.secrets()), by)).map(rs -> rs.size() == 0 ? Optional.empty()
                : Optional.of(rs.iterator().next().getBoolean("inserted")));
    }

    Future<Boolean> delete(String id) {
        return pool.preparedQuery("DELETE FROM notification_channels WHERE id = $1").execute(Tuple.of(id)).map(rs -> rs.rowCount() > 0);
    }

    /** Recent attempts, newest first: alerts' transitions and test-sends (state TEST). */
    Future<JsonArray> deliveries(String id, int limit) {
        return pool.preparedQuery("""
                SELECT id, at, fingerprint, rule_name, state, severity, attempt, outcome, status_code, error
                  FROM notification_log WHERE channel = $1 ORDER BY at DESC, id DESC LIMIT $2""").execute(Tuple.of(id, limit))
                .map(rs -> { JsonArray out = new JsonArray(); rs.forEach(r -> out.add(PgAlertStore.json(r))); return out; });
    }

    /** One test-send as a delivery row: fingerprint "test", state TEST, severity INFO, attempt 1. */
    Future<Void> logTest(String channel, Delivery d, Instant at) {
        return pool.preparedQuery("""
                INSERT INTO notification_log(fingerprint, starts_at, state, severity, channel, attempt, outcome, status_code, error, at, rule_name)
                VALUES ('test', $1, 'TEST', 'INFO', $2, 1, $3, $4, $5, $1, 'test-send')""")
                .execute(Tuple.of(PgAlertStore.odt(at), channel, d.ok() ? "delivered" : "failed", d.status(), d.error())).mapEmpty();
    }

    private static Channel channel(Row r) {
        return new Channel(r.getString("id"), r.getString("name"), Channel.Type.parse(r.getString("kind")),
                strings(r.getString("settings")), strings(r.getString("secrets")));
    }

    private static Map<String, String> strings(String jsonb) {
        Map<String, String> out = new LinkedHashMap<>();
        if (jsonb != null) {
            new JsonObject(jsonb).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return out;
    }

    private static JsonObject json(Map<String, String> m) {
        JsonObject o = new JsonObject();
        m.forEach(o::put);
        return o;
    }
}
