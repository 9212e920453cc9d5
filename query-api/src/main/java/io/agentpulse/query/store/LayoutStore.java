package io.agentpulse.query.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Saved overview layouts, one JSON document per user. Implementations: {@link PgLayoutStore}
 * (table dashboard_layouts) and {@link InMemoryLayoutStore}; one contract test runs against both.
 */
public interface LayoutStore {
    /** The user's layout, or null when none was saved. */
    Future<JsonObject> get(String user);

    /** Replaces the user's layout. */
    Future<Void> put(String user, JsonObject layout);
}
