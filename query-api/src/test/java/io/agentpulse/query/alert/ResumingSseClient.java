package io.agentpulse.query.alert;

import io.agentpulse.query.TestHttp;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An EventSource as a browser behind a load balancer runs it: it keeps the last id it saw and, when
 * the stream ends, waits {@code retryMs} and reconnects to the next base URL with Last-Event-ID.
 * Collects the alert and reset events. Every HTTP call of the test goes through {@link #request}
 * (credentials, when the API requires them, are added there).
 */
final class ResumingSseClient implements AutoCloseable {
    /** One received alert transition. */
    record Got(String fingerprint, int partition, long offset) {}

    final List<Got> alerts = new CopyOnWriteArrayList<>();
    final List<String> resets = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final HttpClient http;
    private final List<String> bases;
    private final long retryMs;
    private final Thread thread;
    private volatile String lastId;
    private volatile boolean running = true;
    private volatile InputStream body;

    ResumingSseClient(HttpClient http, List<String> bases, long retryMs) {
        this.http = http;
        this.bases = bases;
        this.retryMs = retryMs;
        this.thread = new Thread(this::loop, "resuming-sse");
        thread.setDaemon(true);
        thread.start();
    }

    /** As the first admin (TestHttp's session, one per instance; sessions live in the shared database). */
    static HttpRequest request(String base, String lastEventId) throws Exception {
        int port = URI.create(base).getPort();
        HttpRequest.Builder b = TestHttp.request(port, "/api/v1/stream?grp=none").timeout(java.time.Duration.ofDays(1))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return b.GET().build();
    }

    private void loop() {
        for (int attempt = 0; running; attempt++) {
            try {
                HttpResponse<InputStream> r = http.send(request(bases.get(attempt % bases.size()), lastId),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = r.body();
                if (r.statusCode() == 200) {
                    connections.incrementAndGet();
                    read(r.body());
                } else {
                    r.body().close();
                }
            } catch (IOException e) {
                // the instance went away: the next one after retryMs
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the login to an instance going away failed: the next one after retryMs
            }
            LockSupport.parkNanos(retryMs * 1_000_000);
        }
    }

    private void read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String type = null;
        String data = null;
        String id = lastId;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isEmpty()) {
                lastId = id; // dispatch: the id takes effect even without data
                if ("alert".equals(type) && data != null) {
                    JsonObject d = new JsonObject(data);
                    alerts.add(new Got(d.getString("fingerprint"), d.getInteger("partition"), d.getLong("offset")));
                } else if ("reset".equals(type)) {
                    resets.add(data);
                }
                type = null;
                data = null;
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
    }

    List<Got> alerts(String prefix) {
        return alerts.stream().filter(g -> g.fingerprint().startsWith(prefix)).toList();
    }

    @Override
    public void close() throws IOException {
        running = false;
        thread.interrupt();
        InputStream b = body;
        if (b != null) {
            b.close();
        }
    }
}
