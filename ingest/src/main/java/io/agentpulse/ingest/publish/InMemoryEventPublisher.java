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

    @Override
    public CompletableFuture<Void> publish(List<AgentEvent> events) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublishException("The publisher is closed.", null));
        }
        if (failing) {
            return CompletableFuture.failedFuture(
                    new PublishException("The in-memory publisher was told to fail.", null));
        }
        synchronized (records) {
            for (AgentEvent e : events) {
                records.add(Map.entry(e.getAgentId(), e));
            }
        }
        return CompletableFuture.completedFuture(null);
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
