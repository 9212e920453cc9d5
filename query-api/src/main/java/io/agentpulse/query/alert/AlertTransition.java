package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;

/**
 * One alert transition (firing, resolved, ...) with its position in agentpulse.alerts: the same
 * (partition, offset) on every query API, which is what makes its SSE id resumable anywhere.
 * {@code data} is the SSE payload; it carries "partition" and "offset" too.
 */
record AlertTransition(int partition, long offset, JsonObject data) {
    public AlertTransition {
        data = data.copy().put("partition", partition).put("offset", offset);
    }
}
