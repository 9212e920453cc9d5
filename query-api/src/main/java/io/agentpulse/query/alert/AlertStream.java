package io.agentpulse.query.alert;

import io.agentpulse.ops.CounterSpec;
import io.agentpulse.query.sse.Frame;
import io.agentpulse.query.sse.SseClient;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.query.sse.SseIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The alert side of the SSE hub (carried by it as its {@link SseHub.Resumable}), on the hub's context only (no locks). Keeps the last
 * {@code ringSize} transitions; a client resuming with an alert cursor gets, per partition, every
 * transition from its position on: from the ring when the ring still covers that position, else
 * read back from Kafka first. Read-backs are batched: while one runs, later requests wait and share
 * the next one (200 clients reconnecting at once cost one read, not 200 consumers). A position
 * Kafka no longer retains, or a read-back that fails, gets a {@code reset} event instead.
 *
 * <p>Invariants: {@code head[p]} is the position after the last transition dispatched on p;
 * {@code ringFrom[p]} is the lowest position from which the ring holds every transition of p up
 * to head[p]. A replaying client gets no live transition (they land in the ring and reach it when
 * its replay ends), so its transitions arrive in offset order per partition; SseClient skips any
 * below its cursor, so an overlap of replay and live never duplicates.
 */
final class AlertStream implements SseHub.Resumable {
    static final CounterSpec TRANSITIONS = new CounterSpec("agentpulse_sse_alert_transitions_total",
            "Alert transitions read from Kafka and streamed to SSE clients");
    static final CounterSpec RESUMES = new CounterSpec("agentpulse_sse_alert_resumes_total",
            "SSE clients that resumed the alert stream from a position, by source: ring (memory) or kafka", "source");
    static final CounterSpec BACKFILLS = new CounterSpec("agentpulse_sse_alert_backfills_total",
            "Reads of older alert transitions from Kafka for resuming clients, by outcome", "outcome");
    static final CounterSpec RESETS = new CounterSpec("agentpulse_sse_alert_resets_total",
            "SSE clients told to reload their alerts because a resume was impossible, by reason", "reason");
    /** Read-backs per client before giving up with a reset (the ring moved past it every time). */
    static final int MAX_ATTEMPTS = 3;

    private final int ringSize;
    private final ArrayDeque<Frame> ring = new ArrayDeque<>();
    private final Map<Integer, Long> head = new TreeMap<>();
    private final Map<Integer, Long> ringFrom = new HashMap<>();
    private final List<SseClient> waiting = new ArrayList<>();
    private final Consumer<Runnable> onContext;
    private final BiConsumer<SseClient, Frame> deliver;
    private final Supplier<Collection<SseClient>> clients;
    private final MeterRegistry meters;
    private AlertFeed feed;
    private boolean positioned;
    private List<Request> queued = new ArrayList<>();
    private boolean reading;

    private record Request(SseClient client, Map<Integer, Long> from, int attempt) {}

    /**
     * @param onContext runs a task on the hub's context (feed callbacks and read-backs hop onto it)
     * @param deliver   the hub's delivery (meters, slow-client drop)
     */
    AlertStream(int ringSize, Consumer<Runnable> onContext, BiConsumer<SseClient, Frame> deliver,
                Supplier<Collection<SseClient>> clients, MeterRegistry meters) {
        this.ringSize = ringSize;
        this.onContext = onContext;
        this.deliver = deliver;
        this.clients = clients;
        this.meters = meters;
    }

    /**
     * Streams {@code feed}'s transitions on {@code hub} as `alert` events with resumable ids, keeping the
     * last {@code ringSize} in memory; starts the feed. Before the server listens: every client is attached.
     */
    static void carry(SseHub hub, int ringSize, AlertFeed feed, MeterRegistry meters) {
        hub.carry(port -> {
            AlertStream s = new AlertStream(ringSize, port.onContext(), port.deliver(), port.clients(), meters);
            port.onContext().accept(() -> s.start(feed));
            return s;
        });
    }

    /** Starts the feed; its callbacks hop onto the hub's context. */
    void start(AlertFeed alertFeed) {
        this.feed = alertFeed;
        alertFeed.start(new AlertFeed.Sink() {
            @Override
            public void positions(Map<Integer, Long> start) {
                onContext.accept(() -> positioned(start));
            }

            @Override
            public void transition(AlertTransition t) {
                onContext.accept(() -> dispatch(t));
            }
        });
    }

    /**
     * A new stream: no Last-Event-ID -> live from here; an id without an alert cursor (older ids,
     * an unparsable one, or an empty one: its instance never positioned its feed) -> reset; an
     * alert cursor -> replay after it, then live.
     */
    @Override
    public void attach(SseClient c, SseIds.LastEventId last) {
        if (last.seq() == null) {
            c.resetCursor(head);
        } else if (last.alerts() == null || last.alerts().isEmpty()) {
            reset(c, "unknown-position", "The Last-Event-ID carries no alert position; reload the alerts.");
        } else {
            c.resetCursor(last.alerts());
            c.replaying(true);
            if (positioned) {
                catchUp(c, 0);
            } else {
                waiting.add(c);
            }
        }
    }

    private void positioned(Map<Integer, Long> start) {
        start.forEach((p, pos) -> {
            head.merge(p, pos, Math::max);
            ringFrom.putIfAbsent(p, pos);
        });
        positioned = true;
        for (SseClient c : clients.get()) {
            if (!c.replaying()) {
                start.forEach(c::advance); // live since before the start: nothing of the tail was missed
            }
        }
        List<SseClient> ready = new ArrayList<>(waiting);
        waiting.clear();
        ready.forEach(c -> catchUp(c, 0));
    }

    private void dispatch(AlertTransition t) {
        Frame f = frame(t);
        if (ringSize > 0) {
            if (ring.size() == ringSize) {
                Frame old = ring.removeFirst();
                ringFrom.put(old.partition(), old.offset() + 1);
            }
            ring.addLast(f);
        } else {
            ringFrom.put(t.partition(), t.offset() + 1);
        }
        head.merge(t.partition(), t.offset() + 1, Math::max);
        TRANSITIONS.counter(meters).increment();
        for (SseClient c : clients.get().toArray(SseClient[]::new)) {
            if (!c.replaying()) {
                deliver.accept(c, f);
            }
        }
    }

    /** Delivers from the ring when it covers the client's cursor, else asks Kafka for the gap. */
    private void catchUp(SseClient c, int attempt) {
        if (c.closed()) {
            return;
        }
        Map<Integer, Long> gaps = new TreeMap<>();
        head.forEach((p, h) -> {
            long want = c.cursor().getOrDefault(p, 0L);
            if (want < h && want < ringFrom.getOrDefault(p, h)) {
                gaps.put(p, want);
            }
        });
        if (!gaps.isEmpty()) {
            if (attempt >= MAX_ATTEMPTS) {
                reset(c, "replay-incomplete", "The alert replay could not catch up; reload the alerts.");
            } else {
                queued.add(new Request(c, gaps, attempt + 1));
                readNext();
            }
            return;
        }
        RESUMES.counter(meters, attempt == 0 ? "ring" : "kafka").increment();
        for (Frame f : ring) {
            if (f.offset() >= c.cursor().getOrDefault(f.partition(), 0L)) {
                deliver.accept(c, f);
            }
        }
        c.replaying(false);
    }

    private void readNext() {
        if (reading || queued.isEmpty()) {
            return;
        }
        List<Request> batch = queued;
        queued = new ArrayList<>();
        Map<Integer, Long> from = new TreeMap<>();
        batch.forEach(r -> r.from().forEach((p, pos) -> from.merge(p, pos, Math::min)));
        reading = true;
        feed.read(from).whenComplete((b, err) -> onContext.accept(() -> {
            reading = false;
            BACKFILLS.counter(meters, err == null ? "ok" : "failed").increment();
            List<Frame> frames = err == null ? b.transitions().stream().map(AlertStream::frame).toList() : List.of();
            batch.forEach(r -> resume(r, b, err, frames));
            readNext();
        }));
    }

    private void resume(Request r, AlertFeed.Backfill b, Throwable err, List<Frame> frames) {
        SseClient c = r.client();
        if (c.closed()) {
            return;
        }
        if (err != null) {
            reset(c, "replay-failed", "The alert history could not be read back (" + err.getMessage() + "); reload the alerts.");
            return;
        }
        for (Map.Entry<Integer, Long> gap : r.from().entrySet()) {
            int p = gap.getKey();
            long want = c.cursor().getOrDefault(p, 0L);
            Long start = b.logStart().get(p);
            Long end = b.end().get(p);
            if (start == null || end == null || want < start || want > end) {
                reset(c, "expired", "Alert transitions after the given position are no longer retained; reload the alerts.");
                return;
            }
        }
        for (Frame f : frames) {
            if (r.from().containsKey(f.partition()) && f.offset() >= c.cursor().getOrDefault(f.partition(), 0L)) {
                deliver.accept(c, f);
            }
        }
        // everything below end was read (transaction markers hold offsets but carry nothing)
        r.from().keySet().forEach(p -> c.advance(p, b.end().get(p)));
        catchUp(c, r.attempt());
    }

    /** A transition's frame: keyed by its position, so never coalesced. */
    private static Frame frame(AlertTransition t) {
        return Frame.positioned("alert", t.partition(), t.offset(), t.data());
    }

    private void reset(SseClient c, String reason, String message) {
        RESETS.counter(meters, reason).increment();
        c.resetCursor(head);
        c.replaying(false);
        deliver.accept(c, Frame.reset(reason, message));
    }
}
