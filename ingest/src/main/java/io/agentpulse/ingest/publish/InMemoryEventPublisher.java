package io.agentpulse.ingest.publish;

import io.agentpulse.avro.AgentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps published events in memory, in order, as (key, event) pairs. Can be told to fail (as an
 * unreachable broker would) and to report not-ready. Thread-safe.
 */
public final class InMemoryEventPublisher implements EventPublisher {
    private final List<Map.Entry<String, AgentEvent>> records = new ArrayList<>();
    private volatile boolean failing;
    private volatile boolean ready = true;
    private volatile boolean closed;
    /** Batches waiting while holding: acknowledged (recorded) when the hold is released. */
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    @Override
    public CompletableFuture<Void> publish(List<AgentEvent> events) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublishException("The publisher is closed.", null));
        }
        if (failing) {
            return CompletableFuture.failedFuture(
                    new PublishException("The in-memory publisher was told to fail.", null));
        }
        synchronized (held) {
            if (holding) {
                CompletableFuture<Void> later = new CompletableFuture<>();
                held.add(() -> {
                    record(events);
                    later.complete(null);
                });
                return later;
            }
        }
        record(events);
        return CompletableFuture.completedFuture(null);
    }

    private void record(List<AgentEvent> events) {
        synchronized (records) {
            for (AgentEvent e : events) {
                records.add(Map.entry(e.getAgentId(), e));
            }
        }
    }

    /**
     * While holding, batches stay unacknowledged (as with a slow broker); releasing the hold
     * acknowledges them in order.
     */
    public void holding(boolean hold) {
        List<Runnable> release;
        synchronized (held) {
            holding = hold;
            if (hold) {
                return;
            }
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    /** Number of batches waiting for the hold to be released. */
    public int heldBatches() {
        synchronized (held) {
            return held.size();
        }
    }

    /** Every later publish fails (true) or succeeds again (false). */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    @Override
    public boolean ready() {
        return ready && !closed;
    }

    /** A snapshot of what was published, as (key, event) in publish order. */
    public List<Map.Entry<String, AgentEvent>> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public List<AgentEvent> events() {
        return records().stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
