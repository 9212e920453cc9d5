package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every service's pool connects with; the pools themselves run against PostgreSQL in the services' ITs. */
class PgPoolsTest {
    @Test
    void theSharedOptionsAreTheAddressTheCredentialsAndTlsOnly(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        PgConnectOptions o = PgPools.options("db.internal", 6543, "pulse", "u1", "p1", new PgTls("verify-full", ca));
        assertThat(o.getHost()).isEqualTo("db.internal");
        assertThat(o.getPort()).isEqualTo(6543);
        assertThat(o.getDatabase()).isEqualTo("pulse");
        assertThat(o.getUser()).isEqualTo("u1");
        assertThat(o.getPassword()).isEqualTo("p1");
        assertThat(o.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(o.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        // what a service adds on top stays its own: no session settings, statements not cached unless it says so
        assertThat(o.getProperties()).doesNotContainKeys("plan_cache_mode", "work_mem");
        assertThat(o.getCachePreparedStatements()).isFalse();
        assertThat(PgPools.options("h", 5432, "d", "u", "p", PgTls.NONE).getSslMode()).isEqualTo(SslMode.DISABLE);
    }

    @Test
    void withoutTlsTheCheckOpensNothingAndHandsThePoolBack() {
        Vertx vertx = Vertx.vertx();
        try {
            // nothing listens on port 1: a check that connected would fail, one that does not succeeds at once
            PgConnectOptions options = PgPools.options("127.0.0.1", 1, "d", "u", "p", PgTls.NONE);
            Pool pool = PgPools.pool(vertx, options, 2);
            assertThat(PgPools.checked(vertx, pool, options, PgTls.NONE).await()).isSameAs(pool);
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void theDatabaseIsReadTheSameWayByEveryService() {
        PgUrl db = PgUrl.fromEnv(Env.of(Map.of("AGENTPULSE_DB_URL", "jdbc:postgresql://pg:6543/pulse?user=u1&password=from-url",
                "AGENTPULSE_DB_PASSWORD", "from-env")));
        assertThat(db).isEqualTo(new PgUrl("pg", 6543, "pulse", "u1", "from-env"));
        assertThat(db.toString()).doesNotContain("from-env", "from-url");
        assertThat(PgUrl.fromEnv(Env.of(Map.of()))).isEqualTo(new PgUrl("localhost", 5432, "agentpulse", "agentpulse", "agentpulse"));
    }

    @Test
    void aBadSslmodeIsASentenceNamingTheVariable() {
        assertThat(PgTls.read(Env.of(Map.of()))).isEqualTo(PgTls.NONE);
        assertThatThrownBy(() -> PgTls.read(Env.of(Map.of("AGENTPULSE_DB_URL", "jdbc:postgresql://db/agentpulse?sslmode=on"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("The sslmode of AGENTPULSE_DB_URL must be one of")
                .extracting(e -> ((ConfigException) e).variable()).isEqualTo("AGENTPULSE_DB_URL");
    }
}
