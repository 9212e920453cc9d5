package io.agentpulse.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a recorder did: events recorded, sent (acknowledged), and dropped by reason. */
public final class RecorderStats {
    private final LongAdder recorded = new LongAdder();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private volatile String lastError;

    void countRecorded() {
        recorded.increment();
    }

    void sent(int n) {
        sent.addAndGet(n);
    }

    void dropped(String reason, long n) {
        if (n > 0) {
            dropped.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(n);
        }
    }

    void lastError(String message) {
        this.lastError = message;
    }

    /** Events accepted into the queue. */
    public long recorded() {
        return recorded.sum();
    }

    /** Events the transport acknowledged. */
    public long sent() {
        return sent.get();
    }

    /** Dropped events by reason: queue_full, closed, invalid, transport (retries exhausted), rejected (4xx). */
    public Map<String, Long> dropped() {
        Map<String, Long> out = new TreeMap<>();
        dropped.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The last transport error, for logs; null when none. */
    public String lastError() {
        return lastError;
    }
}
