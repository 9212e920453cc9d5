package io.agentpulse.query.sse;

import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One connected EventSource. Runs on the hub's context only. While the response's write queue is
 * full, frames wait in {@code pending}, one per key (a newer rollup snapshot replaces an older one:
 * rollups are cumulative snapshots, so the latest one loses nothing but intermediate steps; alert
 * transitions have one key each and are never coalesced). pending keeps the order of the latest
 * arrival, so ids written stay increasing.
 *
 * <p>Each frame's id is made when the frame is accepted (written or queued): this client's last
 * seq and its alert cursor (SseIds). Invariant: the cursor counts exactly the transitions accepted
 * before, so a reconnect with any id this client wrote resumes after the last transition it got.
 * A transition below the cursor was already accepted (replay and live overlap) and is skipped.
 * Public (its cursor and replay flag) for the resumable stream the hub carries (query/alert's AlertStream).
 */
public final class SseClient {
    private final HttpServerResponse response;
    private final Set<String> grps;
    private final Set<String> granularities;
    private final int maxPending;
    private final LinkedHashMap<String, String> pending = new LinkedHashMap<>();
    /** Alert cursor: partition -> Kafka position after the last transition accepted. */
    private final Map<Integer, Long> cursor = new TreeMap<>();
    private String cursorText = "";
    private long lastSeq;
    /** True while the alert replay runs: live transitions wait in the hub's ring until it ends. */
    private boolean replaying;
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
    enum Sent { WRITTEN, QUEUED, COALESCED, OVERFLOW, SKIPPED }

    Sent send(Frame f) {
        if (closed) {
            return Sent.WRITTEN;
        }
        if (f.isAlert()) {
            if (f.offset() < cursor.getOrDefault(f.partition(), 0L)) {
                return Sent.SKIPPED;
            }
            advance(f.partition(), f.offset() + 1);
        }
        lastSeq = Math.max(lastSeq, f.seq());
        String text = "id: " + id() + "\n" + f.body();
        if (pending.isEmpty() && !response.writeQueueFull()) {
            response.write(text);
            return Sent.WRITTEN;
        }
        boolean replaced = pending.remove(f.key()) != null;
        pending.put(f.key(), text);
        armDrain();
        if (pending.size() > maxPending) {
            return Sent.OVERFLOW;
        }
        return replaced ? Sent.COALESCED : Sent.QUEUED;
    }

    /** The id this client is at: what its next reconnect would send as Last-Event-ID. */
    String id() {
        return lastSeq + "/" + cursorText;
    }

    /** Writes an id-only event: the browser records the id without firing an event (HTML, dispatch step 1). */
    void sendPosition() {
        if (!closed && pending.isEmpty() && !response.writeQueueFull()) {
            response.write("id: " + id() + "\n\n");
        }
    }

    void seq(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    public Map<Integer, Long> cursor() {
        return cursor;
    }

    /** Moves partition p's position forward (never back). */
    public void advance(int p, long position) {
        Long old = cursor.get(p);
        if (old == null || position > old) {
            cursor.put(p, position);
            cursorText = SseIds.cursor(cursor);
        }
    }

    /** After a reset: the client starts over at {@code positions} (it reloads state from REST). */
    public void resetCursor(Map<Integer, Long> positions) {
        cursor.clear();
        cursor.putAll(positions);
        cursorText = SseIds.cursor(cursor);
    }

    public boolean replaying() {
        return replaying;
    }

    public void replaying(boolean on) {
        replaying = on;
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

    public boolean closed() {
        return closed;
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
        Iterator<String> it = pending.values().iterator();
        while (!closed && it.hasNext() && !response.writeQueueFull()) {
            response.write(it.next());
            it.remove();
        }
        if (!pending.isEmpty()) {
            armDrain();
        }
    }
}
