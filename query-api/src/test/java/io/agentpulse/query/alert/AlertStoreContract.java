package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every AlertStore answers, on the same rows: what the processor (alert_history, alert_pending),
 * the notifier (notification_log) and the rollup sink write, plus what the routes write through
 * the store. Each test gets an empty store.
 */
abstract class AlertStoreContract {
    static final long T0 = 1_772_704_800_000L; // 2026-03-05T10:00:00Z
    static final long MIN = 60_000;

    /** An empty store. */
    protected abstract AlertStore store() throws Exception;

    /** Rows as the processor's history writer leaves them (columns of alert_history). */
    protected abstract void history(List<JsonObject> rows) throws Exception;

    /** Rows of alert_pending. */
    protected abstract void pending(List<JsonObject> rows) throws Exception;

    /** Rows of notification_log, in insertion (id) order, without id. */
    protected abstract void notifications(List<JsonObject> rows) throws Exception;

    /** Minute rollup rows: grp, agent_id, model, operation, window_start, count, errors. */
    protected abstract void rollups(List<JsonObject> rows) throws Exception;

    private AlertStore store;

    @BeforeEach
    void empty() throws Exception {
        store = store();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static JsonObject firing(String fp, long startsAt, Long endsAt) {
        return new JsonObject().put("fingerprint", fp).put("starts_at", startsAt).put("rule_id", "r-" + fp)
                .put("rule_name", "Rule " + fp).put("state", endsAt == null ? "FIRING" : "RESOLVED").put("severity", "warning")
                .put("labels", new JsonObject().put("agent", "a|b")).put("value", 0.5).put("threshold", 0.1)
                .put("summary", "errors above 10%").put("ends_at", endsAt).put("updated_at", startsAt);
    }

    @Test
    void rulesAreInsertedReplacedAndDeleted() throws Exception {
        JsonObject body = new JsonObject().put("id", "r1").put("kind", "threshold").put("channels", new JsonArray().add("ops"));
        assertThat(await(store.putRule("r1", body, "alice", true))).as("new").isTrue();
        assertThat(await(store.putRule("r1", body.copy().put("kind", "slo"), "bob", true))).as("must be new: kept").isFalse();
        assertThat(await(store.rule("r1")).orElseThrow().getJsonObject("body").getString("kind")).isEqualTo("threshold");
        assertThat(await(store.putRule("r1", body.copy().put("kind", "slo"), "bob", false))).as("replaced").isFalse();
        JsonObject r1 = await(store.rule("r1")).orElseThrow();
        assertThat(r1.getJsonObject("body").getString("kind")).isEqualTo("slo");
        assertThat(r1.getJsonObject("body").getJsonArray("channels")).containsExactly("ops");
        assertThat(r1.getString("updated_by")).isEqualTo("bob");
        assertThat(r1.getLong("updated_at")).isPositive();
        assertThat(await(store.putRule("a0", body.copy().put("id", "a0"), "alice", true))).isTrue();
        assertThat(await(store.rules())).extracting(o -> ((JsonObject) o).getString("id")).containsExactly("a0", "r1");
        assertThat(await(store.deleteRule("r1"))).isTrue();
        assertThat(await(store.deleteRule("r1"))).isFalse();
        assertThat(await(store.rule("r1"))).isEmpty();
    }

    @Test
    void activeListsOpenFiringsNewestFirstAndPending() throws Exception {
        history(List.of(firing("old", T0, T0 + MIN), firing("f1", T0 + MIN, null), firing("f2", T0 + 2 * MIN, null)));
        pending(List.of(new JsonObject().put("fingerprint", "p1").put("since", T0).put("rule_id", "r-p1").put("rule_name", "P")
                .put("severity", "info").put("labels", new JsonObject()).put("value", 1.0).put("threshold", 2.0)
                .put("summary", "s").put("updated_at", T0)));
        JsonObject active = await(store.active());
        assertThat(active.getJsonArray("firing")).extracting(o -> ((JsonObject) o).getString("fingerprint")).containsExactly("f2", "f1");
        JsonObject f2 = active.getJsonArray("firing").getJsonObject(0);
        assertThat(f2.getLong("starts_at")).isEqualTo(T0 + 2 * MIN);
        assertThat(f2.getJsonObject("labels").getString("agent")).isEqualTo("a|b");
        assertThat(f2.getDouble("value")).isEqualTo(0.5);
        assertThat(f2.containsKey("acked_by")).isTrue();
        assertThat(f2.getString("acked_by")).isNull();
        assertThat(active.getJsonArray("pending")).singleElement()
                .satisfies(p -> assertThat(((JsonObject) p).getString("fingerprint")).isEqualTo("p1"));
        assertThat(await(store.history(2))).extracting(o -> ((JsonObject) o).getString("fingerprint")).containsExactly("f2", "f1");
        assertThat(await(store.history(10))).hasSize(3);
    }

    @Test
    void ackTakesTheLatestOpenFiringAndUnackRemovesIt() throws Exception {
        history(List.of(firing("f", T0, T0 + MIN), firing("f", T0 + 2 * MIN, null), firing("done", T0, T0 + MIN)));
        Instant at = Instant.ofEpochMilli(T0 + 3 * MIN);
        JsonObject ack = await(store.ack("f", "alice", "looking", at)).orElseThrow();
        assertThat(ack.getLong("starts_at")).isEqualTo(T0 + 2 * MIN);
        assertThat(ack.getString("acked_by")).isEqualTo("alice");
        assertThat(ack.getLong("acked_at")).isEqualTo(at.toEpochMilli());
        assertThat(ack.getString("comment")).isEqualTo("looking");
        assertThat(await(store.ack("done", "alice", null, at))).as("nothing open").isEmpty();
        JsonObject open = await(store.active()).getJsonArray("firing").getJsonObject(0);
        assertThat(open.getString("acked_by")).isEqualTo("alice");
        assertThat(open.getString("ack_comment")).isEqualTo("looking");
        assertThat(await(store.ack("f", "bob", "mine", at))).isPresent();
        assertThat(await(store.history(1)).getJsonObject(0).getString("acked_by")).as("replaced").isEqualTo("bob");
        assertThat(await(store.unack("f"))).isTrue();
        assertThat(await(store.unack("f"))).isFalse();
        assertThat(await(store.history(1)).getJsonObject(0).getString("acked_by")).isNull();
    }

    @Test
    void silencesInForceUntilExpired() throws Exception {
        Instant now = Instant.ofEpochMilli(T0);
        JsonObject matchers = new JsonObject().put("agent", "a*");
        JsonObject s1 = await(store.createSilence(matchers, now, now.plusSeconds(3600), "deploy", "alice"));
        JsonObject s2 = await(store.createSilence(new JsonObject(), now.minusSeconds(7200), now.minusSeconds(3600), null, "bob"));
        assertThat(s1.getJsonObject("matchers")).isEqualTo(matchers);
        assertThat(s1.getLong("ends_at")).isEqualTo(T0 + 3_600_000);
        assertThat(s1.getString("reason")).isEqualTo("deploy");
        assertThat(s1.getString("created_by")).isEqualTo("alice");
        long id1 = s1.getLong("id");
        assertThat(await(store.silences(false, now))).extracting(o -> ((JsonObject) o).getLong("id")).containsExactly(id1);
        assertThat(await(store.silences(true, now))).extracting(o -> ((JsonObject) o).getLong("id"))
                .containsExactly(s2.getLong("id"), id1);
        Instant later = now.plusSeconds(60);
        assertThat(await(store.expireSilence(id1, later)).orElseThrow().getLong("ends_at")).isEqualTo(later.toEpochMilli());
        assertThat(await(store.expireSilence(id1, later))).as("already over").isEmpty();
        assertThat(await(store.expireSilence(s2.getLong("id"), later))).isEmpty();
        assertThat(await(store.silences(false, later))).isEmpty();
    }

    @Test
    void notificationsNewestFirst() throws Exception {
        notifications(List.of(note("f1", "delivered"), note("f2", "failed"), note("f3", "silenced")));
        JsonArray n = await(store.notifications(2));
        assertThat(n).extracting(o -> ((JsonObject) o).getString("fingerprint")).containsExactly("f3", "f2");
        assertThat(n.getJsonObject(1).getString("outcome")).isEqualTo("failed");
        assertThat(n.getJsonObject(0).getLong("id")).isGreaterThan(n.getJsonObject(1).getLong("id"));
    }

    private static JsonObject note(String fp, String outcome) {
        return new JsonObject().put("fingerprint", fp).put("starts_at", T0).put("state", "FIRING").put("severity", "warning")
                .put("channel", "ops").put("attempt", 1).put("outcome", outcome).put("at", T0);
    }

    @Test
    void sloTotalsSumPerSeriesOfTheGroupOverTheRange() throws Exception {
        rollups(List.of(rollup("agent", "a|b", "c", 0, 10, 1), rollup("agent", "a", "b|c", 0, 20, 2),
                rollup("agent", "a|b", "c", 5, 5, 0), rollup("agent", "a|b", "c", 60, 100, 100),
                rollup("model", "a|b", "c", 0, 7, 7)));
        Map<String, String> totals = byKey(await(store.sloTotals("agent", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60 * MIN))));
        assertThat(totals).isEqualTo(Map.of("a|b/c/chat", "15/1", "a/b|c/chat", "20/2"));
        assertThat(await(store.sloTotals("agent", Instant.ofEpochMilli(T0 + 61 * MIN), Instant.ofEpochMilli(T0 + 62 * MIN)))).isEmpty();
    }

    private static JsonObject rollup(String grp, String agent, String model, int minute, long count, long errors) {
        return new JsonObject().put("grp", grp).put("agent_id", agent).put("model", model).put("operation", "chat")
                .put("window_start", T0 + minute * MIN).put("count", count).put("errors", errors);
    }

    /** SLO totals as "agent/model/operation" -> "count/errors". */
    static Map<String, String> byKey(JsonArray rows) {
        Map<String, String> m = new TreeMap<>();
        for (Object o : rows) {
            JsonObject r = (JsonObject) o;
            m.put(r.getString("agent_id") + "/" + r.getString("model") + "/" + r.getString("operation"),
                    r.getLong("count") + "/" + r.getLong("errors"));
        }
        return m;
    }
}
