package io.agentpulse.query.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * What the alert routes read and write: rules, alerts (firing and pending, written by the processor),
 * acknowledgements, silences, the notification log (written by the notifier) and the SLO totals.
 * Rows are JSON with the column names of V2__alerts.sql; timestamps as epoch ms.
 * Implementations: {@link PgAlertStore}, {@link InMemoryAlertStore}; contract: AlertStoreContract in the tests.
 */
interface AlertStore {

    /** Every rule, by id: {id, body, updated_at, updated_by}. */
    Future<JsonArray> rules();

    Future<Optional<JsonObject>> rule(String id);

    /** Inserts or replaces (unless {@code mustBeNew}: then an existing rule stays as it is); true when the rule is new. */
    Future<Boolean> putRule(String id, JsonObject body, String by, boolean mustBeNew);

    /** True when a rule was deleted. */
    Future<Boolean> deleteRule(String id);

    /** {firing: open firings newest first, with their acknowledgement columns; pending: newest first}. */
    Future<JsonObject> active();

    /** The latest {@code limit} firings (open or ended), newest first, with their acknowledgement columns. */
    Future<JsonArray> history(int limit);

    /** Acknowledges the latest open firing of the fingerprint; empty when none is open. */
    Future<Optional<JsonObject>> ack(String fingerprint, String by, String comment, Instant at);

    /** Removes the acknowledgement of the fingerprint's latest firing; true when there was one. */
    Future<Boolean> unack(String fingerprint);

    /** Silences still in force at {@code now} (or all with {@code all}), newest first, at most 500. */
    Future<JsonArray> silences(boolean all, Instant now);

    Future<JsonObject> createSilence(JsonObject matchers, Instant startsAt, Instant endsAt, String reason, String by);

    /** Ends a silence still in force at {@code now}; empty when none such has the id. */
    Future<Optional<JsonObject>> expireSilence(long id, Instant now);

    /** The latest {@code limit} rows of the notification log, newest first. */
    Future<JsonArray> notifications(int limit);

    /**
     * Sums of calls and errors per (agent_id, model, operation) of group {@code grp} over windows
     * starting in [from, to): rows {agent_id, model, operation, count, errors}.
     */
    Future<JsonArray> sloTotals(String grp, Instant from, Instant to);
}
