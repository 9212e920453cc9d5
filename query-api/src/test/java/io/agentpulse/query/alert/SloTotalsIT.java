package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.TestFleet;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLO totals read through the planner (day, hour and minute rows) equal those read from minute
 * rows only, and the raw events' counts, on real PostgreSQL.
 */
class SloTotalsIT {
    private static final TestFleet FLEET = new TestFleet(150, 8, 7);
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_slo_it");
        PgFixture.insert(db, FLEET.allRows());
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void coarsePlanCountsLikeTheMinutes() throws Exception {
        PgAlertStore minutes = new PgAlertStore(pool);
        PgAlertStore coarse = new PgAlertStore(pool, new Planner(Set.of(Granularity.HOUR, Granularity.DAY)));
        long t0 = TestFleet.T0;
        long[][] ranges = {{t0 - 86_400_000L, t0 + 86_400_000L}, {t0 + 17 * 60_000L, t0 + 143 * 60_000L}, {t0, t0 + 7_200_000L}};
        for (String grp : new String[] {"agent", "model", "series", "all"}) {
            for (long[] r : ranges) {
                Instant from = Instant.ofEpochMilli(r[0]);
                Instant to = Instant.ofEpochMilli(r[1]);
                Map<String, String> fine = AlertStoreContract.byKey(await(minutes.sloTotals(grp, from, to)));
                assertThat(AlertStoreContract.byKey(await(coarse.sloTotals(grp, from, to)))).as("%s over %s", grp, r).isEqualTo(fine);
                long count = fine.values().stream().mapToLong(v -> Long.parseLong(v.split("/")[0])).sum();
                assertThat(count).isEqualTo(FLEET.select(Filters.NONE, r[0], r[1]).size());
            }
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
