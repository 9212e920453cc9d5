package io.agentpulse.query.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Layouts in a map (tests, and a query API without a database). */
public final class InMemoryLayoutStore implements LayoutStore {
    private final Map<String, String> layouts = new ConcurrentHashMap<>();

    @Override
    public Future<JsonObject> get(String user) {
        String s = layouts.get(user);
        return Future.succeededFuture(s == null ? null : new JsonObject(s));
    }

    @Override
    public Future<Void> put(String user, JsonObject layout) {
        layouts.put(user, layout.encode());
        return Future.succeededFuture();
    }
}
