package io.agentpulse.query.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Layouts in dashboard_layouts (migration V20__layouts.sql), upserted per user. */
public final class PgLayoutStore implements LayoutStore {
    private final Pool pool;

    public PgLayoutStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<JsonObject> get(String user) {
        return pool.preparedQuery("SELECT layout::text FROM dashboard_layouts WHERE user_id = $1")
                .execute(Tuple.of(user))
                .map(rows -> rows.size() == 0 ? null : new JsonObject(rows.iterator().next().getString(0)));
    }

    @Override
    public Future<Void> put(String user, JsonObject layout) {
        return pool.preparedQuery("INSERT INTO dashboard_layouts (user_id, layout, updated_at) VALUES ($1, $2::jsonb, now()) "
                        + "ON CONFLICT (user_id) DO UPDATE SET layout = EXCLUDED.layout, updated_at = now()")
                .execute(Tuple.of(user, layout)).mapEmpty();
    }
}
