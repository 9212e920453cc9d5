package io.agentpulse.query.sse;

import io.agentpulse.query.TestHttp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SSE client over the JDK HTTP client: lines are collected by a reader thread once read() starts.
 * Public for the alert stream's tests (query/alert's AlertResumeTest).
 */
public final class SseClientStream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private Thread reader;

    SseClientStream(int port, String query, String lastEventId) throws Exception {
        this(port, query, lastEventId, true);
    }

    /** @param login false for a bare hub mounted without the security handler (no session to send) */
    public SseClientStream(int port, String query, String lastEventId, boolean login) throws Exception {
        HttpRequest.Builder b = login ? TestHttp.request(port, "/api/v1/stream" + query)
                : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stream" + query));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = TestHttp.CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public SseClientStream read() {
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // closed by the test
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** One dispatched event: the id in force (as EventSource keeps it), its type and data. */
    public record Event(String id, String type, String data) {}

    /** The events so far, as an EventSource would dispatch them (id-only blocks set the id only). */
    List<Event> events() {
        List<Event> out = new ArrayList<>();
        String id = null;
        String type = null;
        String data = null;
        for (String l : List.copyOf(lines)) {
            if (l.isEmpty()) {
                if (data != null) {
                    out.add(new Event(id, type == null ? "message" : type, data));
                }
                type = null;
                data = null;
            } else if (l.startsWith("id: ")) {
                id = l.substring(4);
            } else if (l.startsWith("event: ")) {
                type = l.substring(7);
            } else if (l.startsWith("data: ")) {
                data = l.substring(6);
            }
        }
        return out;
    }

    public List<Event> events(String type) {
        return events().stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The Last-Event-ID a browser would send now. */
    public String lastId() {
        String id = null;
        for (String l : List.copyOf(lines)) {
            if (l.startsWith("id: ")) {
                id = l.substring(4);
            }
        }
        return id;
    }

    /** The alert cursor of an SSE id (SseIds): partition -> position after the last transition; null when absent. */
    public static Map<Integer, Long> alertCursor(String id) {
        return SseIds.parse(id).alerts();
    }

    /** The seq part of the ids of rollup events. */
    List<Long> ids() {
        return events("rollup").stream().map(e -> Long.parseLong(e.id().substring(0, e.id().indexOf('/')))).toList();
    }

    /** The data of rollup events. */
    List<String> data() {
        return events("rollup").stream().map(Event::data).toList();
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
