package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
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
        PgConnectOptions connect = new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.name()).setUser(db.user()).setPassword(db.password());
        reader = new PgRollupReader(PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(connect).using(vertx).build());
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
