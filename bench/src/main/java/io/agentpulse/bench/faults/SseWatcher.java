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
 * stream it waits {@code retry}, then reconnects to the next query API with {@code Last-Event-ID}.
 * It keeps, per 1-minute window, the latest count it has seen (frames are cumulative snapshots).
 */
final class SseWatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Supplier<List<String>> apis;
    private final Duration retry;
    private final Map<Long, Long> countByWindow = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
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
                HttpRequest.Builder b = QueryAuth.request(http, base, "/api/v1/stream?grp=all&granularity=1m")
                        .header("Accept", "text/event-stream");
                if (lastId != null) {
                    b.header("Last-Event-ID", lastId);
                }
                HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
                if (r.statusCode() == 200) {
                    connections.incrementAndGet();
                    if (lostAtNanos != 0) {
                        worstReconnectNanos = Math.max(worstReconnectNanos, System.nanoTime() - lostAtNanos);
                        lostAtNanos = 0;
                    }
                    r.body().forEach(this::line);
                } else {
                    r.body().close();
                }
            } catch (IOException | UncheckedIOException e) {
                // connection refused or reset: the instance is gone; try the next one
            } catch (InterruptedException e) {
                return;
            }
            if (lostAtNanos == 0) {
                lostAtNanos = System.nanoTime();
            }
            Faults.pause(retry);
        }
    }

    private void line(String line) {
        if (line.startsWith("id: ")) {
            lastId = line.substring(4).trim();
        } else if (line.startsWith("data: ")) {
            try {
                JsonNode n = JSON.readTree(line.substring(6));
                frames.incrementAndGet();
                countByWindow.merge(n.path("window_start").asLong(), n.path("count").asLong(), Math::max);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Map<Long, Long> counts() {
        return Map.copyOf(countByWindow);
    }

    int connections() {
        return connections.get();
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
