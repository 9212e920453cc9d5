package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A partitioned in-memory log with Kafka's offsets: publish() appends and delivers on the caller's
 * thread; truncate() plays retention (raises the log start); holdReads() keeps read-backs waiting
 * until releaseReads(), so a test can publish while a replay is in flight; failReads() makes them
 * fail (a broker that does not answer, or a range over the bound). Thread-safe.
 */
final class InMemoryAlertFeed implements AlertFeed {
    private final List<List<JsonObject>> logs = new ArrayList<>();
    private final long[] logStart;
    private final List<Runnable> heldReads = new ArrayList<>();
    private Sink sink;
    private boolean holding;
    private boolean failing;
    private int reads;

    public InMemoryAlertFeed(int partitions) {
        for (int i = 0; i < partitions; i++) {
            logs.add(new ArrayList<>());
        }
        logStart = new long[partitions];
    }

    @Override
    public synchronized void start(Sink s) {
        this.sink = s;
        s.positions(ends());
    }

    /** Appends to {@code partition}; returns the offset. */
    public synchronized long publish(int partition, JsonObject data) {
        List<JsonObject> log = logs.get(partition);
        log.add(data.copy());
        long offset = log.size() - 1;
        if (sink != null) {
            sink.transition(new AlertTransition(partition, offset, data));
        }
        return offset;
    }

    /** Retention: offsets below {@code newStart} of {@code partition} are gone. */
    public synchronized void truncate(int partition, long newStart) {
        logStart[partition] = Math.max(logStart[partition], newStart);
    }

    public synchronized void failReads(boolean fail) {
        failing = fail;
    }

    public synchronized void holdReads() {
        holding = true;
    }

    public void releaseReads() {
        List<Runnable> go;
        synchronized (this) {
            holding = false;
            go = new ArrayList<>(heldReads);
            heldReads.clear();
        }
        go.forEach(Runnable::run);
    }

    /** Read-backs asked so far. */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized CompletionStage<Backfill> read(Map<Integer, Long> from) {
        reads++;
        CompletableFuture<Backfill> f = new CompletableFuture<>();
        if (failing) {
            f.completeExceptionally(new IllegalStateException("the in-memory feed was told to fail reads"));
            return f;
        }
        Runnable answer = () -> f.complete(readNow(from));
        if (holding) {
            heldReads.add(answer);
        } else {
            answer.run();
        }
        return f;
    }

    /** Answers with the log as it is when the read is released (as Kafka would at that time). */
    private synchronized Backfill readNow(Map<Integer, Long> from) {
        Map<Integer, Long> start = new TreeMap<>();
        Map<Integer, Long> end = new TreeMap<>();
        List<AlertTransition> out = new ArrayList<>();
        from.forEach((p, pos) -> {
            List<JsonObject> log = logs.get(p);
            start.put(p, logStart[p]);
            end.put(p, (long) log.size());
            for (long o = Math.max(pos, logStart[p]); o < log.size(); o++) {
                out.add(new AlertTransition(p, o, log.get((int) o)));
            }
        });
        return new Backfill(start, end, out);
    }

    private Map<Integer, Long> ends() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int p = 0; p < logs.size(); p++) {
            m.put(p, (long) logs.get(p).size());
        }
        return m;
    }

    @Override
    public synchronized void close() {
        sink = null;
    }
}
