package io.agentpulse.query.sse;

import io.vertx.core.json.JsonObject;

/**
 * One SSE event without its id line (each client prefixes its own id, which carries that client's
 * alert cursor): the per-process seq (0 for alert transitions and resets, which are positioned by
 * their Kafka partition and offset instead; partition -1 for the others), the rollup's grp and
 * granularity (null: every client wants it), the coalescing key, and the encoded event and data lines.
 * Public for the resumable stream the hub carries (query/alert's AlertStream).
 */
public record Frame(long seq, String grp, String granularity, String key, String body, int partition, long offset) {

    static Frame rollup(long seq, String grp, String granularity, String key, JsonObject data) {
        return new Frame(seq, grp, granularity, key, body("rollup", data), -1, -1);
    }

    /** An operator action or another per-process event: never coalesced. */
    static Frame event(long seq, String type, JsonObject data) {
        return new Frame(seq, null, null, type + "|" + seq, body(type, data), -1, -1);
    }

    /** An event at {@code offset} of {@code partition} of a Kafka topic (an alert transition): one key per position. */
    public static Frame positioned(String type, int partition, long offset, JsonObject data) {
        return new Frame(0, null, null, type + "|" + partition + ":" + offset, body(type, data), partition, offset);
    }

    /** Tells the client that alert transitions may be missing: reload them from REST. */
    public static Frame reset(String reason, String message) {
        return new Frame(0, null, null, "reset|" + reason, body("reset", new JsonObject().put("reason", reason)
                .put("message", message)), -1, -1);
    }

    boolean isAlert() {
        return partition >= 0;
    }

    private static String body(String type, JsonObject data) {
        return "event: " + type + "\ndata: " + data.encode() + "\n\n";
    }
}
