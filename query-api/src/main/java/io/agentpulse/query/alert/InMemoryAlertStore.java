package io.agentpulse.query.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alert store in memory, answering as {@link PgAlertStore} does (same JSON rows, same order).
 * What the processor and the notifier write in production (alert_history, alert_pending,
 * notification_log, rollups) is put in through {@link #history}, {@link #pending}, {@link #notification}
 * and {@link #rollup}. Rollups are read as minute rows: sloTotals sums those starting in [from, to).
 * Thread-safe (every method synchronized; answers are copies).
 */
final class InMemoryAlertStore implements AlertStore {
    private static final List<String> ACK_COLS = List.of("acked_by", "acked_at", "ack_comment");
    private final Clock clock;
    private final Map<String, JsonObject> rules = new TreeMap<>();
    /** alert_history rows by fingerprint + "@" + starts_at. */
    private final Map<String, JsonObject> history = new LinkedHashMap<>();
    private final Map<String, JsonObject> pending = new LinkedHashMap<>();
    /** alert_acks rows under the key of the firing they acknowledge. */
    private final Map<String, JsonObject> acks = new LinkedHashMap<>();
    private final List<JsonObject> silences = new ArrayList<>();
    private final List<JsonObject> notifications = new ArrayList<>();
    private final List<JsonObject> rollups = new ArrayList<>();

    /** @param clock the database's now(): updated_at of rules, created_at of silences */
    InMemoryAlertStore(Clock clock) {
        this.clock = clock;
    }

    /** An alert_history row (fingerprint, starts_at, ..., ends_at), as the processor's HistoryWriter leaves it. */
    synchronized InMemoryAlertStore history(JsonObject row) {
        history.put(key(row.getString("fingerprint"), row.getLong("starts_at")), row.copy());
        return this;
    }

    /** An alert_pending row. */
    synchronized InMemoryAlertStore pending(JsonObject row) {
        pending.put(row.getString("fingerprint"), row.copy());
        return this;
    }

    /** A notification_log row; its id is the next of the sequence. */
    synchronized InMemoryAlertStore notification(JsonObject row) {
        notifications.add(row.copy().put("id", (long) notifications.size() + 1));
        return this;
    }

    /** A rollup row of one minute window: grp, agent_id, model, operation, window_start, count, errors. */
    synchronized InMemoryAlertStore rollup(JsonObject row) {
        rollups.add(row.copy());
        return this;
    }

    @Override
    public synchronized Future<JsonArray> rules() {
        return Future.succeededFuture(new JsonArray(rules.values().stream().map(r -> (Object) r.copy()).toList()));
    }

    @Override
    public synchronized Future<Optional<JsonObject>> rule(String id) {
        return Future.succeededFuture(Optional.ofNullable(rules.get(id)).map(JsonObject::copy));
    }

    @Override
    public synchronized Future<Boolean> putRule(String id, JsonObject body, String by, boolean mustBeNew) {
        boolean exists = rules.containsKey(id);
        if (!exists || !mustBeNew) {
            rules.put(id, new JsonObject().put("id", id).put("body", body.copy()).put("updated_at", clock.millis())
                    .put("updated_by", by));
        }
        return Future.succeededFuture(!exists);
    }

    @Override
    public synchronized Future<Boolean> deleteRule(String id) {
        return Future.succeededFuture(rules.remove(id) != null);
    }

    @Override
    public synchronized Future<JsonObject> active() {
        JsonArray firing = new JsonArray(newestFirst(history.values(), "starts_at").stream()
                .filter(h -> h.getValue("ends_at") == null).map(h -> (Object) withAck(h)).toList());
        JsonArray waiting = new JsonArray(newestFirst(pending.values(), "since").stream().map(p -> (Object) p.copy()).toList());
        return Future.succeededFuture(new JsonObject().put("firing", firing).put("pending", waiting));
    }

    @Override
    public synchronized Future<JsonArray> history(int limit) {
        return Future.succeededFuture(new JsonArray(newestFirst(history.values(), "starts_at").stream().limit(limit)
                .map(h -> (Object) withAck(h)).toList()));
    }

    @Override
    public synchronized Future<Optional<JsonObject>> ack(String fingerprint, String by, String comment, Instant at) {
        Optional<JsonObject> open = newestFirst(history.values(), "starts_at").stream()
                .filter(h -> fingerprint.equals(h.getString("fingerprint")) && h.getValue("ends_at") == null).findFirst();
        return Future.succeededFuture(open.map(h -> {
            JsonObject ack = new JsonObject().put("fingerprint", fingerprint).put("starts_at", h.getLong("starts_at"))
                    .put("acked_by", by).put("acked_at", at.toEpochMilli()).put("comment", comment);
            acks.put(key(fingerprint, h.getLong("starts_at")), ack);
            return ack.copy();
        }));
    }

    @Override
    public synchronized Future<Boolean> unack(String fingerprint) {
        Optional<JsonObject> latest = newestFirst(history.values(), "starts_at").stream()
                .filter(h -> fingerprint.equals(h.getString("fingerprint"))).findFirst();
        return Future.succeededFuture(latest.map(h -> acks.remove(key(fingerprint, h.getLong("starts_at"))) != null).orElse(false));
    }

    @Override
    public synchronized Future<JsonArray> silences(boolean all, Instant now) {
        return Future.succeededFuture(new JsonArray(reversed(silences).stream()
                .filter(s -> all || s.getLong("ends_at") > now.toEpochMilli()).limit(500).map(s -> (Object) s.copy()).toList()));
    }

    @Override
    public synchronized Future<JsonObject> createSilence(JsonObject matchers, Instant startsAt, Instant endsAt, String reason, String by) {
        JsonObject s = new JsonObject().put("id", (long) silences.size() + 1).put("matchers", matchers.copy())
                .put("starts_at", startsAt.toEpochMilli()).put("ends_at", endsAt.toEpochMilli()).put("reason", reason)
                .put("created_by", by).put("created_at", clock.millis());
        silences.add(s);
        return Future.succeededFuture(s.copy());
    }

    @Override
    public synchronized Future<Optional<JsonObject>> expireSilence(long id, Instant now) {
        Optional<JsonObject> s = silences.stream()
                .filter(x -> x.getLong("id") == id && x.getLong("ends_at") > now.toEpochMilli()).findFirst();
        s.ifPresent(x -> x.put("ends_at", now.toEpochMilli()));
        return Future.succeededFuture(s.map(JsonObject::copy));
    }

    @Override
    public synchronized Future<JsonArray> notifications(int limit) {
        return Future.succeededFuture(new JsonArray(reversed(notifications).stream().limit(limit).map(n -> (Object) n.copy()).toList()));
    }

    @Override
    public synchronized Future<JsonArray> sloTotals(String grp, Instant from, Instant to) {
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (JsonObject r : rollups) {
            long start = r.getLong("window_start");
            if (grp.equals(r.getString("grp")) && start >= from.toEpochMilli() && start < to.toEpochMilli()) {
                long[] s = sums.computeIfAbsent(List.of(r.getString("agent_id"), r.getString("model"), r.getString("operation")),
                        k -> new long[2]);
                s[0] += r.getLong("count");
                s[1] += r.getLong("errors");
            }
        }
        JsonArray out = new JsonArray();
        sums.forEach((k, s) -> out.add(new JsonObject().put("agent_id", k.get(0)).put("model", k.get(1))
                .put("operation", k.get(2)).put("count", s[0]).put("errors", s[1])));
        return Future.succeededFuture(out);
    }

    /** A history row with the columns of its acknowledgement (null when none), as the SQL's LEFT JOIN. */
    private JsonObject withAck(JsonObject h) {
        JsonObject out = h.copy();
        JsonObject ack = acks.get(key(h.getString("fingerprint"), h.getLong("starts_at")));
        out.put(ACK_COLS.get(0), ack == null ? null : ack.getString("acked_by"))
                .put(ACK_COLS.get(1), ack == null ? null : ack.getLong("acked_at"))
                .put(ACK_COLS.get(2), ack == null ? null : ack.getString("comment"));
        return out;
    }

    private static List<JsonObject> newestFirst(java.util.Collection<JsonObject> rows, String at) {
        return rows.stream().sorted(Comparator.comparing((JsonObject r) -> r.getLong(at)).reversed()).toList();
    }

    /** Newest (highest id) first. */
    private static List<JsonObject> reversed(List<JsonObject> rows) {
        List<JsonObject> out = new ArrayList<>(rows);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String key(String fingerprint, long startsAt) {
        return fingerprint + "@" + startsAt;
    }
}
