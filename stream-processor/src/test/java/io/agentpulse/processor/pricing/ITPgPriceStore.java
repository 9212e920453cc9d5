package io.agentpulse.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.sink.EnrichedEvent;
import io.agentpulse.processor.sink.PostgresEventSink;
import io.agentpulse.processor.sink.PostgresRollupSink;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.contract.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The price store contract and repricing on a real PostgreSQL (schema from the migrations, V44). */
class ITPgPriceStore extends PriceStoreContract {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final long T = FEB.toEpochMilli() + 10 * 3_600_000L; // 10:00 on Feb 1st, an hour boundary
    private static final PriceVersion OLD = v(JAN, 1.0);
    private static final PriceVersion NEW = v(FEB, 3.0);
    private static final int N = 4; // calls, each 1M input tokens: 1 USD at the old price, 3 at the new

    private DataSource ds;
    private PgPriceStore store;

    private static PriceVersion v(Instant from, double price) {
        return new PriceVersion(PriceVersion.idOf("m", from), "m", from, price, price, price, price, "admin", null, "t");
    }

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("prices").dataSource();
        Migrations.migrate(ds);
        store = new PgPriceStore(ds);
    }

    @Override
    PriceStore store() {
        return store;
    }

    @Test
    void aRepricingJobCorrectsEventsAndEveryRollupRowOnceAndARerunChangesNothing() throws Exception {
        store.seed(List.of(OLD));
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < N; i++) { // priced by the old version, as the processor did before NEW was added
            events.add(new EnrichedEvent(AgentEvent.newBuilder().setEventId("e" + i).setEventTime(Instant.ofEpochMilli(T + i * 1000L))
                    .setAgentId("a").setModel("m").setOperation("chat").setStatus(Status.OK).setLatencyMs(100.0)
                    .setInputTokens(1_000_000L).setOutputTokens(0L).setCostUsd(1.0).build(), "catalog", OLD.id()));
        }
        new PostgresEventSink(ds).insert(events);
        PostgresRollupSink rollups = new PostgresRollupSink(ds);
        // the closed minute is stored in two groups only (the other three are "missing": e.g. folded)
        rollups.upsert(List.of(rollup("1m", "series", "a", "m", "chat", N, N * 1.0), rollup("1m", "all", "*", "*", "*", N, N * 1.0)));
        store.seed(List.of(NEW));
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T + 30 * 60_000L), ZoneOffset.UTC); // the hour is still open
        Repricer repricer = new Repricer(ds, List.of(Granularity.MINUTE, Granularity.HOUR), clock);
        PriceBook book = new PriceBook(store.all());

        long job = request(T - 3_600_000L, T + 3_600_000L, "M");
        assertThat(repricer.runNext(book)).isEqualTo(job);
        assertThat(repricer.runNext(book)).isEqualTo(-1); // nothing left waiting

        assertThat(one("SELECT sum(cost_usd) FROM agent_events")).isCloseTo(3.0 * N, within(1e-9));
        assertThat(one("SELECT count(*) FROM agent_events WHERE price_version = '" + NEW.id() + "'")).isEqualTo(N);
        assertThat(cost("rollup_1m", "series")).isCloseTo(3.0 * N, within(1e-9));
        assertThat(cost("rollup_1m", "all")).isCloseTo(3.0 * N, within(1e-9));
        // the open hour had no row: a placeholder carries the correction until the processor writes the window
        assertThat(cost("rollup_1h", "all")).isCloseTo(2.0 * N, within(1e-9));
        assertThat(one("SELECT count FROM rollup_1h WHERE grp = 'all'")).isZero();
        assertThat(jobRow(job)).containsExactly("done", (double) N, (double) N, 2.0 + 5, 3.0, 2.0 * N);

        // the hour closes: the processor's window (old prices) lands, the sink keeps the correction
        rollups.upsert(List.of(rollup("1h", "all", "*", "*", "*", N, N * 1.0)));
        assertThat(cost("rollup_1h", "all")).isCloseTo(3.0 * N, within(1e-9));
        assertThat(one("SELECT count FROM rollup_1h WHERE grp = 'all'")).isEqualTo(N);
        // a late correction re-emits the minute (one more call at the old price): the adjustment stays
        rollups.upsert(List.of(rollup("1m", "all", "*", "*", "*", N + 1, N + 1.0)));
        assertThat(cost("rollup_1m", "all")).isCloseTo(N + 1.0 + 2.0 * N, within(1e-9));

        long again = request(T - 3_600_000L, T + 3_600_000L, null);
        assertThat(repricer.runNext(book)).isEqualTo(again);
        assertThat(jobRow(again)).containsExactly("done", (double) N, 0.0, 0.0, 0.0, 0.0);
        assertThat(cost("rollup_1h", "all")).isCloseTo(3.0 * N, within(1e-9));
        assertThat(one("SELECT sum(cost_usd) FROM agent_events")).isCloseTo(3.0 * N, within(1e-9));
    }

    @Test
    void aJobForAnotherModelLeavesTheseEventsAlone() throws Exception {
        store.seed(List.of(OLD, NEW));
        new PostgresEventSink(ds).insert(List.of(new EnrichedEvent(AgentEvent.newBuilder().setEventId("x")
                .setEventTime(Instant.ofEpochMilli(T)).setAgentId("a").setModel("m").setStatus(Status.OK)
                .setInputTokens(1_000_000L).setCostUsd(1.0).build(), "catalog", OLD.id())));
        long job = request(T - 1, T + 1, "other-model");
        new Repricer(ds, List.of(Granularity.MINUTE), Clock.systemUTC()).runNext(new PriceBook(store.all()));
        assertThat(jobRow(job)).startsWith("done", 0.0, 0.0);
        assertThat(one("SELECT sum(cost_usd) FROM agent_events")).isEqualTo(1.0);
    }

    private long request(long from, long to, String model) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO reprice_jobs "
                + "(range_from, range_to, model, requested_by) VALUES (to_timestamp(? / 1000.0), to_timestamp(? / 1000.0), ?, 'test') RETURNING id")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, model);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Object> jobRow(long id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT status, events_scanned, "
                + "events_repriced, rows_adjusted, rows_missing, delta_usd FROM reprice_jobs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Object> out = new ArrayList<>(List.of(rs.getString(1)));
                for (int i = 2; i <= 6; i++) {
                    out.add(rs.getDouble(i));
                }
                return out;
            }
        }
    }

    private double cost(String table, String grp) throws Exception {
        return one("SELECT cost_usd FROM " + table + " WHERE grp = '" + grp + "'");
    }

    private double one(String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getDouble(1);
        }
    }

    private static WindowRollup rollup(String g, String grp, String agent, String model, String op, long count, double cost) {
        long size = Granularity.ofLabel(g).millis();
        long start = Granularity.ofLabel(g).windowStart(T);
        var sketch = SketchCodec.newSketch();
        sketch.accept(100);
        return WindowRollup.newBuilder().setGranularity(g).setGrp(grp).setAgentId(agent).setModel(model).setOperation(op)
                .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + size)).setIsFinal(true)
                .setCount(count).setErrors(0).setInputTokens(count * 1_000_000L).setOutputTokens(0).setCachedInputTokens(0)
                .setReasoningTokens(0).setCostUsd(cost).setLatencySketch(ByteBuffer.wrap(SketchCodec.encode(sketch)))
                .setTtftSketch(null).setP50Ms(100.0).setP95Ms(100.0).setP99Ms(100.0).setUpdatedAt(Instant.ofEpochMilli(start + count))
                .build();
    }
}
