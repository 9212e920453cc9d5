package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The alert store contract in memory. */
class InMemoryAlertStoreTest extends AlertStoreContract {
    private InMemoryAlertStore store;

    @Override
    protected AlertStore store() {
        store = new InMemoryAlertStore(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        return store;
    }

    @Override
    protected void history(List<JsonObject> rows) {
        rows.forEach(store::history);
    }

    @Override
    protected void pending(List<JsonObject> rows) {
        rows.forEach(store::pending);
    }

    @Override
    protected void notifications(List<JsonObject> rows) {
        rows.forEach(store::notification);
    }

    @Override
    protected void rollups(List<JsonObject> rows) {
        rows.forEach(store::rollup);
    }
}
