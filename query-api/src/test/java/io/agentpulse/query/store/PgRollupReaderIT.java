package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The reader contract against real PostgreSQL (embedded), schema by the processor's migrations. */
class PgRollupReaderIT extends RollupReaderContract {
    private static Vertx vertx;
    private static PgRollupReader reader;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_reader_it");
        PgFixture.insert(db, FLEET.allRows());
        PgFixture.insert(db, SCORES_ONLY);
        PgFixture.insert(db, SLICES);
        vertx = Vertx.vertx();
        reader = new PgRollupReader(PgFixture.pool(vertx, db, 2));
    }

    @AfterAll
    static void close() {
        reader.close().await();
        vertx.close().await();
    }

    @Override
    protected RollupReader reader() {
        return reader;
    }
}
