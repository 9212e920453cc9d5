package io.agentpulse.bench.faults;

import io.agentpulse.bench.QueryAuth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One SSE client of {@code /api/v1/stream?grp=all}, as a browser's EventSource behaves: on a lost
 * stream it waits {@code retry} (or the server's {@code retry:} hint), then reconnects to the next
 * query API with {@code Last-Event-ID} (an id-only event updates it too). It keeps, per 1-minute
 * window, the latest count it has seen (frames are cumulative snapshots), and every alert transition
 * it received as its (partition, offset) in agentpulse.alerts, in arrival order. Every HTTP request
 * of the SSE scenario is built by {@link #get} (credentials, when required, are added there).
 */
final class SseWatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private String cookie; // this watcher's thread only
    private final Supplier<List<String>> apis;
    private final Duration retry;
    private final Map<Long, Long> countByWindow = new ConcurrentHashMap<>();
    private final Map<Integer, List<Long>> alerts = new ConcurrentHashMap<>();
    private final List<Long> reconnectNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile Duration retryHint;
    private String pendingId;
    private String eventType;
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.Set<String> servedBy = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>(); // reason -> attempts
    private volatile String streamingFrom; // the base URL of the open stream, null between streams
    private final AtomicLong frames = new AtomicLong();
    private volatile String lastId;
    private volatile long lostAtNanos;
    private volatile long worstReconnectNanos;
    private volatile boolean running = true;
    private final int index;

    SseWatcher(HttpClient http, Supplier<List<String>> apis, Duration retry, int index) {
        this.http = http;
        this.apis = apis;
        this.retry = retry;
        this.index = index;
    }

    void start() {
        Thread t = new Thread(this::loop, "sse-watcher-" + index);
        t.setDaemon(true);
        t.start();
    }

    private void loop() {
        int attempt = 0;
        while (running) {
            List<String> urls = apis.get();
            String base = urls.get(attempt++ % urls.size()); // the first, then the next one after a loss
            try {
                if (cookie == null) {
                    cookie = QueryAuth.cookie(http, base);
                }
                // One session for every instance, as a browser behind a load balancer keeps its cookie
                // (sessions live in PostgreSQL, so any instance knows it).
                HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/stream?grp=all&granularity=1m"))
                        .header("Cookie", cookie).header("Accept", "text/event-stream");
                if (lastId != null) {
                    b.header("Last-Event-ID", lastId);
                }
                HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
                if (r.statusCode() == 200) {
                    connections.incrementAndGet();
                    servedBy.add(base);
                    streamingFrom = base;
                    if (lostAtNanos != 0) {
                        worstReconnectNanos = Math.max(worstReconnectNanos, System.nanoTime() - lostAtNanos);
                        reconnectNanos.add(System.nanoTime() - lostAtNanos);
                        lostAtNanos = 0;
                    }
                    try {
                        r.body().forEach(this::line);
                    } finally {
                        streamingFrom = null;
                    }
                } else {
                    failed("HTTP " + r.statusCode());
                    r.body().close();
                }
            } catch (IOException | UncheckedIOException e) {
                // connection refused or reset: the instance is gone; try the next one
                failed(e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                return;
            }
            if (lostAtNanos == 0) {
                lostAtNanos = System.nanoTime();
            }
            Faults.pause(retryHint != null ? retryHint : retry);
        }
    }

    private void failed(String reason) {
        failures.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Failed attempts by reason (exception class or HTTP status): what a client went through. */
    Map<String, Integer> failures() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        failures.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Lines of one stream, on this watcher's thread only. The id takes effect when its event ends. */
    private void line(String line) {
        if (line.isEmpty()) {
            if (pendingId != null) {
                lastId = pendingId;
            }
            pendingId = null;
            eventType = null;
        } else if (line.startsWith("id: ")) {
            pendingId = line.substring(4).trim();
        } else if (line.startsWith("retry: ")) {
            retryHint = Duration.ofMillis(Long.parseLong(line.substring(7).trim()));
        } else if (line.startsWith("event: ")) {
            eventType = line.substring(7).trim();
        } else if (line.startsWith("data: ")) {
            try {
                JsonNode n = JSON.readTree(line.substring(6));
                if ("alert".equals(eventType)) {
                    List<Long> l = alerts.computeIfAbsent(n.path("partition").asInt(), k -> new java.util.ArrayList<>());
                    synchronized (l) {
                        l.add(n.path("offset").asLong());
                    }
                } else if ("reset".equals(eventType)) {
                    resets.incrementAndGet();
                } else if ("rollup".equals(eventType)) {
                    frames.incrementAndGet();
                    countByWindow.merge(n.path("window_start").asLong(), n.path("count").asLong(), Math::max);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The alert transitions received, per partition in arrival order (a snapshot). */
    Map<Integer, List<Long>> alerts() {
        Map<Integer, List<Long>> copy = new java.util.TreeMap<>();
        alerts.forEach((p, l) -> {
            synchronized (l) {
                copy.put(p, List.copyOf(l));
            }
        });
        return copy;
    }

    int resets() {
        return resets.get();
    }

    /** Each loss-to-reconnected time, ns (the retry wait included). */
    List<Long> reconnects() {
        return List.copyOf(reconnectNanos);
    }

    Map<Long, Long> counts() {
        return Map.copyOf(countByWindow);
    }

    int connections() {
        return connections.get();
    }

    /** Whether a stream from {@code base} is open now. */
    boolean streamingFrom(String base) {
        return base.equals(streamingFrom);
    }

    /** Whether a stream from {@code base} was ever open. */
    boolean servedBy(String base) {
        return servedBy.contains(base);
    }

    long frames() {
        return frames.get();
    }

    Duration worstReconnect() {
        return Duration.ofNanos(worstReconnectNanos);
    }

    void stop() {
        running = false;
    }
}
