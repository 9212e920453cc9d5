package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.pricing.PgPriceStore;
import io.agentpulse.processor.pricing.PriceBook;
import io.agentpulse.processor.pricing.PriceCatalog;
import io.agentpulse.processor.pricing.Repricer;
import io.agentpulse.processor.sink.EnrichedEvent;
import io.agentpulse.processor.sink.PostgresEventSink;
import io.agentpulse.query.SecuredServer.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Price versions and repricing jobs on the real query API and PostgreSQL: everyone reads, only admins write,
 * each write audited; a job requested here is run by the processor's Repricer and its result read back here.
 */
class ITPrices {
    static SecuredServer s;
    static PgPriceStore store;

    @BeforeAll
    static void start() throws Exception {
        s = new SecuredServer("query_prices_it");
        store = new PgPriceStore(s.db.dataSource());
        store.seed(PriceCatalog.load(Optional.empty()).versions("file")); // what a processor does at start
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static String query(String sql) throws Exception {
        try (java.sql.Connection c = s.db.dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void anAdminAddsAVersionEveryoneReadsItsHistoryAndOthersAreRefused() throws Exception {
        JsonArray all = new JsonObject(QueryAuditIT.expect(200, s.call(s.viewer, "GET", "/api/v1/prices", null)).body()).getJsonArray("versions");
        assertThat(all.stream().map(v -> ((JsonObject) v).getString("model"))).contains("gpt-4o", "claude-sonnet-4");
        String body = "{\"model\":\"openai/GPT-4o\",\"effective_from\":\"2026-01-01\",\"input\":2.0,\"output\":8.0,\"note\":\"<b>cut</b>\"}";
        assertThat(s.call(s.operator, "POST", "/api/v1/prices", body).status()).isEqualTo(403);
        assertThat(s.call(s.viewer, "POST", "/api/v1/prices", body).status()).isEqualTo(403);
        Answer bad = QueryAuditIT.expect(400, s.call(s.admin, "POST", "/api/v1/prices", body.replace("\"input\":2.0", "\"input\":-1")));
        assertThat(new JsonObject(bad.body()).getString("error")).startsWith("input: must be a price");
        bad = QueryAuditIT.expect(400, s.call(s.admin, "POST", "/api/v1/prices", body.replace("2026-01-01", "soon")));
        assertThat(new JsonObject(bad.body()).getString("error")).startsWith("effective_from: ");
        JsonObject created = new JsonObject(QueryAuditIT.expect(201, s.call(s.admin, "POST", "/api/v1/prices", body)).body());
        assertThat(created.getString("id")).isEqualTo("gpt-4o@2026-01-01T00:00:00Z");
        assertThat(created.getDouble("cached_input")).isEqualTo(2.0); // defaults to input
        assertThat(created.getDouble("reasoning")).isEqualTo(8.0);   // defaults to output
        assertThat(QueryAuditIT.expect(409, s.call(s.admin, "POST", "/api/v1/prices", body)).reason()).isEqualTo("conflict");

        JsonArray history = new JsonObject(QueryAuditIT.expect(200, s.call(s.read, "GET", "/api/v1/prices/gpt-4o", null)).body())
                .getJsonArray("versions");
        assertThat(history.stream().map(v -> ((JsonObject) v).getString("source")).toList()).containsExactly("admin", "file");
        assertThat(history.getJsonObject(0).getBoolean("in_force")).isTrue();
        assertThat(history.getJsonObject(0).getString("created_by")).isEqualTo("admin");
        assertThat(history.getJsonObject(1).getBoolean("in_force")).isFalse();
        // as of a time before the admin's version, the file's is in force
        JsonArray before = new JsonObject(s.call(s.viewer, "GET", "/api/v1/prices?at=2025-12-31T00:00:00Z", null).body()).getJsonArray("versions");
        assertThat(before.stream().map(JsonObject.class::cast).filter(v -> v.getString("model").equals("gpt-4o") && v.getBoolean("in_force"))
                .map(v -> v.getString("source")).toList()).containsExactly("file");
        assertThat(s.call(s.viewer, "GET", "/api/v1/prices/no-such-model", null).status()).isEqualTo(404);
        assertThat(query("SELECT string_agg(action || ' ' || target || ' ' || actor, ',') FROM audit_log WHERE action = 'price.create'"))
                .isEqualTo("price.create gpt-4o@2026-01-01T00:00:00Z admin");
    }

    @Test
    void aRepricingJobIsRequestedByAnAdminRunByTheProcessorAndItsResultIsVisible() throws Exception {
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        store.seed(List.of(new io.agentpulse.processor.pricing.PriceVersion("job-model@" + t.minus(30, ChronoUnit.DAYS), "job-model",
                t.minus(30, ChronoUnit.DAYS), 1, 1, 1, 1, "admin", null, "test")));
        new PostgresEventSink(s.db.dataSource()).insert(List.of(new EnrichedEvent(AgentEvent.newBuilder().setEventId("r1")
                .setEventTime(t.plusSeconds(60)).setAgentId("a").setModel("job-model").setStatus(Status.OK)
                .setInputTokens(1_000_000L).setCostUsd(1.0).build(), "catalog", "job-model@" + t.minus(30, ChronoUnit.DAYS))));
        QueryAuditIT.expect(201, s.call(s.admin, "POST", "/api/v1/prices", new JsonObject().put("model", "job-model")
                .put("effective_from", t.toString()).put("input", 4.0).put("output", 4.0).encode()));
        String job = new JsonObject().put("from", t.toString()).put("to", t.plus(1, ChronoUnit.HOURS).toString()).put("model", "job-model").encode();
        assertThat(s.call(s.operator, "POST", "/api/v1/reprice-jobs", job).status()).isEqualTo(403);
        Answer bad = QueryAuditIT.expect(400, s.call(s.admin, "POST", "/api/v1/reprice-jobs",
                new JsonObject().put("from", t.toString()).put("to", t.toString()).encode()));
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("to: must be after from.");
        JsonObject requested = new JsonObject(QueryAuditIT.expect(202, s.call(s.admin, "POST", "/api/v1/reprice-jobs", job)).body());
        assertThat(requested.getString("status")).isEqualTo("requested");
        long id = requested.getLong("id");

        new Repricer(s.db.dataSource(), List.of(Granularity.MINUTE), Clock.systemUTC()).runNext(new PriceBook(store.all()));

        JsonObject done = new JsonObject(QueryAuditIT.expect(200, s.call(s.viewer, "GET", "/api/v1/reprice-jobs/" + id, null)).body());
        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(done.getLong("events_repriced")).isEqualTo(1);
        assertThat(done.getDouble("delta_usd")).isCloseTo(3.0, within(1e-9));
        assertThat(new JsonObject(s.call(s.viewer, "GET", "/api/v1/reprice-jobs", null).body()).getJsonArray("jobs").getJsonObject(0)
                .getLong("id")).isEqualTo(id);
        assertThat(query("SELECT cost_usd || ' ' || price_version FROM agent_events WHERE event_id = 'r1'"))
                .isEqualTo("4 job-model@" + t);
        assertThat(query("SELECT count(*) FROM audit_log WHERE action = 'price.reprice' AND target = '" + id + "'")).isEqualTo("1");
    }

    @Test
    void budgetRulesAreAcceptedAndABudgetWithoutAnAmountIsRefused() throws Exception {
        QueryAuditIT.expect(201, s.call(s.operator, "POST", "/api/v1/alert-rules",
                "{\"id\":\"month-budget\",\"name\":\"Monthly budget\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":500}"));
        Answer bad = QueryAuditIT.expect(400, s.call(s.operator, "POST", "/api/v1/alert-rules",
                "{\"id\":\"b2\",\"name\":\"b\",\"kind\":\"budget\",\"metric\":\"spend_day\"}"));
        assertThat(bad.body()).contains("budget_usd");
        bad = QueryAuditIT.expect(400, s.call(s.operator, "POST", "/api/v1/alert-rules",
                "{\"id\":\"b3\",\"name\":\"b\",\"kind\":\"budget\",\"metric\":\"latency_p95\"}"));
        assertThat(bad.body()).contains("metric");
    }
}
