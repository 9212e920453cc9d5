package io.agentpulse.query.sse;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Fans rollup snapshots, operator actions and alert transitions out to SSE clients. All state
 * lives on one Vert.x context: offer() and the feeds may be called from any thread and hop onto it.
 * Ids (SseIds) carry a per-process seq and the client's alert cursor. The seq starts at the start
 * time in ms x 1000, so it keeps increasing across restarts; a seq older than the ring (or from the
 * future, i.e. from another run or instance) replays the whole ring. The alert cursor is resumed
 * exactly on any instance by the {@link Resumable} stream the hub carries (query/alert's AlertStream).
 */
public final class SseHub {
    static final CounterSpec FRAMES = new CounterSpec("agentpulse_sse_frames_total",
            "Rollup and alert frames the SSE hub dispatched to its clients");
    static final CounterSpec DROPPED = new CounterSpec("agentpulse_sse_frames_dropped_total",
            "Rollups that could not become an SSE frame and were dropped, by reason", "reason");
    static final CounterSpec COALESCED = new CounterSpec("agentpulse_sse_coalesced_total",
            "Frames merged into a pending frame of the same series for a client that lags behind");
    static final CounterSpec DUPLICATES = new CounterSpec("agentpulse_sse_alert_duplicates_skipped_total",
            "Alert frames not sent because the client had already received them");
    static final CounterSpec REJECTED = new CounterSpec("agentpulse_sse_rejected_total",
            "SSE clients refused or disconnected, by reason: too-many-clients, slow-client", "reason");
    static final Set<String> DEFAULT_GRPS = Set.of("all", "model");

    private final Context context;
    private final SseSettings settings;
    private final MeterRegistry meters;
    private final ArrayDeque<Frame> ring;
    private final Set<SseClient> clients = new LinkedHashSet<>();
    private final long timerId;
    /** The alert transitions (query/alert), once carried; null: ids carry no positions to resume. */
    private Resumable resumable;
    private long seq;

    /**
     * A stream of events positioned in a Kafka topic, resumable on any instance (query/alert's AlertStream),
     * that the hub carries beside rollups and events. Called on the hub's context.
     */
    public interface Resumable {
        /** A new client, after its rollup replay: live from now, or resumed after {@code last}'s positions. */
        void attach(SseClient client, SseIds.LastEventId last);
    }

    /**
     * The hub's side of a resumable stream: its context, its delivery (meters, slow-client drop) and its
     * clients; the last two on that context only.
     */
    public record Port(Consumer<Runnable> onContext, BiConsumer<SseClient, Frame> deliver,
                       Supplier<Collection<SseClient>> clients) {}

    public SseHub(Vertx vertx, SseSettings settings, Clock clock, MeterRegistry meters) {
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.meters = meters;
        this.ring = new ArrayDeque<>(settings.replaySize());
        this.seq = clock.millis() * 1000;
        this.timerId = vertx.setPeriodic(settings.heartbeatMs(), id -> context.runOnContext(v -> heartbeat()));
        Gauge.builder("agentpulse_sse_clients", clients, Set::size)
                .description("Clients connected to the SSE stream now").register(meters);
    }

    /** Carries the stream {@code build} makes on the hub's {@link Port}: every client that connects from now on is attached to it. */
    public void carry(Function<Port, Resumable> build) {
        Resumable r = build.apply(new Port(task -> context.runOnContext(v -> task.run()), this::deliver, () -> clients));
        context.runOnContext(v -> resumable = r);
    }

    /** Thread-safe. */
    public void offer(WindowRollup rollup) {
        context.runOnContext(v -> dispatch(rollup));
    }

    /**
     * Thread-safe. An event of another type than rollup (alert, alert-action): sent to every client
     * whatever its grp filter, never coalesced, and kept in the replay ring like rollups.
     */
    public void offerEvent(String type, JsonObject data) {
        context.runOnContext(v -> {
            long id = ++seq;
            dispatch(Frame.event(id, type, data));
        });
    }

    /** GET /api/v1/stream?grp=all,model&granularity=1m with optional Last-Event-ID. */
    public void handle(RoutingContext ctx) {
        context.runOnContext(v -> connect(ctx));
    }

    public void close() {
        context.owner().cancelTimer(timerId);
        context.runOnContext(v -> {
            clients.forEach(c -> c.close());
            clients.clear();
        });
    }

    private void dispatch(WindowRollup rollup) {
        Frame f;
        try {
            f = RollupFrames.frame(++seq, rollup);
        } catch (RuntimeException e) {
            DROPPED.counter(meters, "unencodable").increment();
            return;
        }
        dispatch(f);
    }

    private void dispatch(Frame f) {
        if (settings.replaySize() > 0) {
            if (ring.size() == settings.replaySize()) {
                ring.removeFirst();
            }
            ring.addLast(f);
        }
        FRAMES.counter(meters).increment();
        for (SseClient c : clients.toArray(SseClient[]::new)) {
            if (c.wants(f)) {
                deliver(c, f);
            }
        }
    }

    private void deliver(SseClient c, Frame f) {
        switch (c.send(f)) {
            case COALESCED -> COALESCED.counter(meters).increment();
            case SKIPPED -> DUPLICATES.counter(meters).increment();
            case OVERFLOW -> {
                REJECTED.counter(meters, "slow-client").increment();
                clients.remove(c);
                c.close();
            }
            default -> { }
        }
    }

    private void connect(RoutingContext ctx) {
        HttpServerResponse resp = ctx.response();
        if (clients.size() >= settings.maxClients()) {
            REJECTED.counter(meters, "too-many-clients").increment();
            resp.setStatusCode(503).putHeader("Content-Type", "application/json").putHeader("Retry-After", "5")
                    .end(new JsonObject().put("error", "The server already streams to " + settings.maxClients()
                            + " clients; try again later.").put("reason", "too-many-clients").encode());
            return;
        }
        SseClient client = new SseClient(resp, grps(ctx.request().params().getAll("grp")),
                csv(ctx.request().getParam("granularity"), Set.of()), settings.maxPendingPerClient());
        resp.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        if (resp.closed()) {
            return; // the browser left before its turn came
        }
        resp.closeHandler(v -> context.runOnContext(x -> {
            client.markClosed();
            clients.remove(client);
        }));
        resp.write("retry: 2000\n\n");
        clients.add(client);
        SseIds.LastEventId last = lastEventId(ctx);
        replay(client, last.seq());
        client.seq(seq);
        if (resumable != null) {
            resumable.attach(client, last);
        }
        client.sendPosition(); // a client that reconnects before any frame still has a position
    }

    private void replay(SseClient client, Long lastId) {
        if (lastId == null || ring.isEmpty()) {
            return;
        }
        boolean known = lastId >= ring.peekFirst().seq() - 1 && lastId <= seq;
        client.seq(known ? lastId : ring.peekFirst().seq() - 1);
        for (Frame f : ring) {
            if ((!known || f.seq() > lastId) && client.wants(f)) {
                deliver(client, f);
            }
        }
    }

    /** The header, or the last_event_id parameter (a page reopening a closed stream passes it). */
    private static SseIds.LastEventId lastEventId(RoutingContext ctx) {
        String raw = ctx.request().getHeader("Last-Event-ID");
        if (raw == null || raw.isBlank()) {
            raw = ctx.request().getParam("last_event_id");
        }
        return SseIds.parse(raw);
    }

    /**
     * The groups of the {@code grp} parameters: each a comma-separated list, except that a value holding
     * a slice ({@code all@team=a,b}: values are agent-sent and may hold commas) is one group, whole. A
     * client that wants plain groups and a slice sends two parameters ({@code grp=all,agent&grp=all@team=x}).
     */
    static Set<String> grps(java.util.List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            if (v.contains("@")) {
                out.add(v.trim());
            } else {
                out.addAll(csv(v, Set.of()));
            }
        }
        return out.isEmpty() ? DEFAULT_GRPS : out;
    }

    private static Set<String> csv(String raw, Set<String> dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private void heartbeat() {
        clients.forEach(SseClient::heartbeat);
    }
}
