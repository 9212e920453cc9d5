package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.ops.PgPools;
import io.agentpulse.ops.PgTls;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The reader contract against real PostgreSQL (embedded), schema by the processor's migrations. */
class PgRollupReaderIT extends RollupReaderContract {
    static Vertx vertx;
    static RollupReader reader;

    @BeforeAll
    static void load() throws Exception {
        vertx = Vertx.vertx();
        reader = loaded("query_reader_it", vertx);
    }

    /** A reader (pool of 2, the query API's session settings) on a new database {@code name} holding the contract's rows. */
    static PgRollupReader loaded(String name, Vertx vertx) throws Exception {
        PgDatabase db = PgFixture.database(name);
        PgFixture.insert(db, FLEET.allRows());
        PgFixture.insert(db, SCORES_ONLY);
        PgFixture.insert(db, SLICES);
        return new PgRollupReader(PgPools.pool(vertx, PgRollupReader.tune(PgPools.options(db.host(), db.port(), db.name(),
                db.user(), db.password(), PgTls.NONE)), 2));
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
