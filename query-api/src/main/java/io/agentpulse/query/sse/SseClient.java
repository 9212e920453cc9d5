package io.agentpulse.query.sse;

import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * One connected EventSource. Runs on the hub's context only. While the response's write queue is
 * full, frames wait in {@code pending}, one per rollup key (a newer snapshot replaces an older
 * one: rollups are cumulative snapshots, so the latest one loses nothing but intermediate steps).
 * pending keeps the order of the latest arrival, so ids written stay increasing.
 */
final class SseClient {
    private final HttpServerResponse response;
    private final Set<String> grps;
    private final Set<String> granularities;
    private final int maxPending;
    private final LinkedHashMap<String, Frame> pending = new LinkedHashMap<>();
    private boolean drainArmed;
    private boolean closed;

    SseClient(HttpServerResponse response, Set<String> grps, Set<String> granularities, int maxPending) {
        this.response = response;
        this.grps = grps;
        this.granularities = granularities;
        this.maxPending = maxPending;
    }

    boolean wants(Frame f) {
        return f.grp() == null || grps.contains(f.grp()) && (granularities.isEmpty() || granularities.contains(f.granularity()));
    }

    /** Outcome of send, for the hub's meters. */
    enum Sent { WRITTEN, QUEUED, COALESCED, OVERFLOW }

    Sent send(Frame f) {
        if (closed) {
            return Sent.WRITTEN;
        }
        if (pending.isEmpty() && !response.writeQueueFull()) {
            response.write(f.text());
            return Sent.WRITTEN;
        }
        boolean replaced = pending.remove(f.rollupKey()) != null;
        pending.put(f.rollupKey(), f);
        armDrain();
        if (pending.size() > maxPending) {
            return Sent.OVERFLOW;
        }
        return replaced ? Sent.COALESCED : Sent.QUEUED;
    }

    /** A comment line keeps proxies and the browser from timing out; skipped while backlogged. */
    void heartbeat() {
        if (!closed && pending.isEmpty() && !response.writeQueueFull()) {
            response.write(": hb\n\n");
        }
    }

    int pending() {
        return pending.size();
    }

    void close() {
        if (!closed) {
            closed = true;
            pending.clear();
            response.reset();
        }
    }

    void markClosed() {
        closed = true;
        pending.clear();
    }

    private void armDrain() {
        if (!drainArmed) {
            drainArmed = true;
            response.drainHandler(v -> {
                drainArmed = false;
                flush();
            });
        }
    }

    private void flush() {
        Iterator<Frame> it = pending.values().iterator();
        while (!closed && it.hasNext() && !response.writeQueueFull()) {
            response.write(it.next().text());
            it.remove();
        }
        if (!pending.isEmpty()) {
            armDrain();
        }
    }
}
