package io.agentpulse.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps what it is sent, for tests; can fail, or hold every send until released. */
final class InMemoryTransport implements Transport {
    private final List<PulseEvent> events = new ArrayList<>();
    private volatile boolean failing;
    private volatile boolean retryable;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private int batches;

    @Override
    public void send(List<PulseEvent> batch) throws Exception {
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
    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Sends fail with a retryable error. */
    void retryable(boolean retryable) {
        this.retryable = retryable;
    }

    /** Every send waits until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    synchronized List<PulseEvent> events() {
        return List.copyOf(events);
    }

    synchronized int batches() {
        return batches;
    }

    @Override
    public void close() {
        release();
    }
}
