package io.agentpulse.query.store;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.BeforeAll;

/**
 * The reader contract against real PostgreSQL through both sketch caches, as the query API reads it
 * ({@link #load} hides PgRollupReaderIT's, which then does not run; its close does).
 */
class CachedPgRollupReaderIT extends PgRollupReaderIT {
    @BeforeAll
    static void load() throws Exception {
        vertx = Vertx.vertx();
        reader = LiveSketchesContractTest.cached(loaded("query_cached_reader_it", vertx));
    }
}
