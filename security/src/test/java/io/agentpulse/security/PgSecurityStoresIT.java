package io.agentpulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.security.stores.SecurityStores;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.ops.PgPools;
import io.agentpulse.ops.PgTls;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The security stores' contract on the real (embedded) PostgreSQL with the processor's migrations (V30). */
class PgSecurityStoresIT extends SecurityStoresContract {
    private static Vertx vertx;
    private static Pool pool;
    private static PgDatabase db;
    private final TestClock clock = new TestClock(T0);

    @BeforeAll
    static void open() {
        db = EmbeddedInfra.shared().freshDatabase("security_stores_it");
        Migrations.migrate(db.dataSource());
        vertx = Vertx.vertx();
        pool = pool(vertx, db);
    }

    static Pool pool(Vertx vertx, PgDatabase db) {
        return PgPools.pool(vertx, PgPools.options(db.host(), db.port(), db.name(), db.user(), db.password(), PgTls.NONE), 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected SecurityStores stores() {
        return SecurityStores.pg(pool, clock);
    }

    @Override
    protected TestClock clock() {
        return clock;
    }

    @Test
    void theAuditLogRefusesUpdateDeleteAndTruncateEvenToItsOwner() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO audit_log (at, actor, actor_kind, action, outcome) VALUES (now(), 'x', 'user', 'it', 'ok')");
            for (String sql : new String[] {"UPDATE audit_log SET actor = 'y'", "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
                // a superuser passes the privilege check and meets the trigger; an ordinary owner meets either
                assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("append-only", "permission denied"));
            }
            try (var rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'it'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}
