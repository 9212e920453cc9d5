package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps what it is sent, for tests; can fail, or hold every send until released. */
public final class InMemoryTransport implements Transport {
    private final List<AgentEvent> events = new ArrayList<>();
    private volatile boolean failing;
    private volatile boolean retryable;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private int batches;

    @Override
    public void send(List<AgentEvent> batch) throws Exception {
        gate.await();
        if (retryable) {
            throw new RetryableException("unavailable (test)", 1);
        }
        if (failing) {
            throw new IllegalStateException("refused (test)");
        }
        synchronized (this) {
            events.addAll(batch);
            batches++;
        }
    }

    /** Sends fail for good (dropped by the recorder). */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** Sends fail with a retryable error. */
    public void retryable(boolean retryable) {
        this.retryable = retryable;
    }

    /** Every send waits until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    public synchronized List<AgentEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int batches() {
        return batches;
    }

    @Override
    public void close() {
        release();
    }
}
