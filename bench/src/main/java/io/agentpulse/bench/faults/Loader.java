package io.agentpulse.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Posts batches of events to the gateways (round robin) at about {@code eventsPerSecond}, as a
 * well-behaved client does: a batch not answered 202 is retried, same ids and times, until it is.
 * Every 202 adds the batch to the {@link Oracle}; every answer is logged with its send and receive
 * instants so a test can check what was answered during an outage.
 */
public final class Loader implements AutoCloseable {
    /** One answer: nanoTime at send and at receipt, HTTP status (-1 = no connection / timeout). */
    public record Answer(long sentNanos, long receivedNanos, int status) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<List<String>> gateways;
    private final Oracle oracle;
    private final String runId;
    private final String apiKey;
    private final int batchSize;
    private final long batchIntervalNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /** {@code apiKey}: an ingest key every request carries as {@code Authorization: Bearer}. */
    public Loader(Supplier<List<String>> gateways, String apiKey, Oracle oracle, String runId, int eventsPerSecond,
                  int batchSize, int threads) {
        this.gateways = gateways;
        this.apiKey = apiKey;
        this.oracle = oracle;
        this.runId = runId;
        this.batchSize = batchSize;
        this.batchIntervalNanos = 1_000_000_000L * batchSize * threads / Math.max(1, eventsPerSecond);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, "fault-loader-" + i);
            t.setDaemon(true);
            this.threads.add(t);
        }
    }

    public Loader start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void run() {
        long rr = Thread.currentThread().getId();
        while (running.get()) {
            long t0 = System.nanoTime();
            List<Oracle.Sent> batch = new ArrayList<>(batchSize);
            long epochMs = System.currentTimeMillis();
            for (int i = 0; i < batchSize; i++) {
                long n = next.getAndIncrement();
                batch.add(new Oracle.Sent(runId + "-" + n, "agent-" + (n % 200), epochMs, 100 + n % 900));
            }
            String body = Oracle.json(batch);
            // Retry until acknowledged, even after stop(): an unacknowledged batch may be half in Kafka.
            while (true) {
                List<String> g = gateways.get();
                int status = post(g.get((int) (rr++ % g.size())), body);
                if (status == 202) {
                    oracle.acknowledged(batch);
                    break;
                }
                Faults.pause(Duration.ofMillis(200));
            }
            long wait = batchIntervalNanos - (System.nanoTime() - t0);
            if (wait > 0) {
                Faults.pause(Duration.ofNanos(wait));
            }
        }
    }

    private int post(String gateway, String body) {
        long sent = System.nanoTime();
        int status;
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(gateway + "/v1/events")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        requests.incrementAndGet();
        byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        answers.add(new Answer(sent, System.nanoTime(), status));
        return status;
    }

    /** Stops making new batches and waits until every batch in hand was acknowledged. */
    public void stop(Duration timeout) {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                throw new IllegalStateException("A loader thread still had an unacknowledged batch after " + timeout);
            }
        }
    }

    public long eventsMade() {
        return next.get();
    }

    public long requests() {
        return requests.get();
    }

    public long answered(int status) {
        AtomicLong c = byStatus.get(status);
        return c == null ? 0 : c.get();
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    @Override
    public void close() {
        running.set(false);
    }
}
